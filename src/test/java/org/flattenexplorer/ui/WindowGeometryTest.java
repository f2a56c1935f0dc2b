package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.Test;

/** Where the window opens: within the screen's visible area, at the remembered place when it still fits. */
class WindowGeometryTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 740); // 1366 x 768 less a task bar
    private static final Rectangle2D PROJECTOR = new Rectangle2D(1366, 0, 1280, 720);

    @Test
    void withNothingRememberedTheWindowFitsTheVisibleAreaOfTheScreen() {
        WindowGeometry g = WindowGeometry.place(Optional.empty(), List.of(LAPTOP));
        assertThat(g.width()).isEqualTo(1366);
        assertThat(g.height()).isEqualTo(740);
        assertThat(g.x()).isZero();
        assertThat(g.y()).isZero();

        WindowGeometry large = WindowGeometry.place(Optional.empty(), List.of(new Rectangle2D(0, 0, 3840, 2100)));
        assertThat(large.width()).isEqualTo(WindowGeometry.PREFERRED_WIDTH);
        assertThat(large.x()).isEqualTo((3840 - WindowGeometry.PREFERRED_WIDTH) / 2);
    }

    @Test
    void aRememberedSizeLargerThanTheScreenNowShrinksToIt() {
        WindowGeometry remembered = new WindowGeometry(100, 50, 1900, 1050, false);
        WindowGeometry g = WindowGeometry.place(Optional.of(remembered), List.of(LAPTOP));
        assertThat(g.width()).isEqualTo(1366);
        assertThat(g.height()).isEqualTo(740);
        assertThat(g.x()).isZero();
        assertThat(g.y()).isZero();
    }

    @Test
    void aWindowLastOnTheProjectorOpensThereAndOnTheLaptopWhenTheProjectorIsGone() {
        WindowGeometry onProjector = new WindowGeometry(1400, 20, 1200, 650, false);
        assertThat(WindowGeometry.place(Optional.of(onProjector), List.of(LAPTOP, PROJECTOR)))
                .isEqualTo(onProjector);
        WindowGeometry alone = WindowGeometry.place(Optional.of(onProjector), List.of(LAPTOP));
        assertThat(alone.x() + alone.width()).isLessThanOrEqualTo(1366);
        assertThat(alone.width()).isEqualTo(1200);
    }

    @Test
    void theGeometryIsRememberedAcrossStartsAndNonsenseIsIgnored() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ui", ".properties");
        new WindowGeometry(10, 20, 1200, 700, true).write(new UiSettings(file));
        assertThat(WindowGeometry.read(new UiSettings(file))).contains(new WindowGeometry(10, 20, 1200, 700, true));
        UiSettings broken = new UiSettings(file);
        broken.put("window.height", "tall");
        assertThat(WindowGeometry.read(broken)).isEmpty();
        assertThat(WindowGeometry.read(UiSettings.inMemory())).isEmpty();
    }
}

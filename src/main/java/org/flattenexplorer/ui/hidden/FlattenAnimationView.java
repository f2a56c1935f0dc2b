package org.flattenexplorer.ui.hidden;

import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.flattenexplorer.inspect.FlattenStrip;
import org.flattenexplorer.inspect.Inspection;

/**
 * The flatten animation: Play unrolls the matrix row by row into the vector beneath it (h_0's U values, then
 * h_1's, ...), a scrubber steps through the indices and a label shows {@code index = t * U + u}. For a
 * last-state model the unrolled vector is then replaced by the one row the Dense layer gets.
 */
public class FlattenAnimationView extends VBox {
    /** Rows unrolled per animation frame (about 2 s for 500 rows at 60 frames a second). */
    static final int ROWS_PER_FRAME = 4;

    private final HiddenStatesViewModel viewModel;
    private final FlattenStripView strip = new FlattenStripView();
    private final Slider scrubber = new Slider(0, 1, 1);
    private final Button play = new Button("\u25b6 Play");
    private final Label arithmetic = new Label();
    private final Label caption = new Label();
    private final Timeline timeline = new Timeline();
    /** A play request that came before the review's inspection did. */
    private boolean playWhenShown;

    public FlattenAnimationView(HiddenStatesViewModel viewModel) {
        this.viewModel = viewModel;
        setSpacing(4);
        setPadding(new Insets(4, 0, 0, 0));
        play.setId("flatten-play");
        scrubber.setId("flatten-scrubber");
        arithmetic.setId("flatten-index");
        strip.setId("flatten-strip");
        caption.setWrapText(true);
        scrubber.setBlockIncrement(1);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        HBox controls = new HBox(8, play, scrubber);
        controls.setAlignment(Pos.CENTER_LEFT);
        arithmetic.setMinHeight(USE_PREF_SIZE);
        caption.setMinHeight(USE_PREF_SIZE);
        arithmetic.setMinWidth(0);
        arithmetic.setWrapText(true);
        scrubber.setMinWidth(80);
        play.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(caption, strip, controls, arithmetic);

        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(16), e -> step()));
        play.setOnAction(e -> togglePlay());
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (Math.round(b.doubleValue()) != viewModel.playIndexProperty().get()) {
                viewModel.playIndexProperty().set((int) Math.round(b.doubleValue()));
            }
        });
        viewModel.playIndexProperty().addListener((o, a, b) -> update());
        viewModel.playRequestsProperty().addListener((o, a, b) -> playFromStart());
        viewModel.inspectionProperty().addListener((o, a, b) -> {
            show(b);
            if (playWhenShown && b != null) {
                playFromStart();
            }
        });
        show(viewModel.getInspection());
    }

    /** Unrolls the matrix again from its first row (a lesson step asks for it). */
    public void playFromStart() {
        if (timeline.getStatus() == Timeline.Status.RUNNING) {
            timeline.stop();
        }
        playWhenShown = viewModel.getInspection() == null;
        if (!playWhenShown) {
            viewModel.playIndexProperty().set(0);
            togglePlay();
        }
    }

    public void togglePlay() {
        if (timeline.getStatus() == Timeline.Status.RUNNING) {
            timeline.stop();
            play.setText("\u25b6 Play");
            return;
        }
        Inspection in = viewModel.getInspection();
        if (in == null) {
            return;
        }
        if (viewModel.playIndexProperty().get() >= total(in)) {
            viewModel.playIndexProperty().set(0);
        }
        play.setText("\u23f8 Pause");
        timeline.play();
    }

    /** One frame: unroll the next rows. */
    void step() {
        Inspection in = viewModel.getInspection();
        if (in == null) {
            timeline.stop();
            return;
        }
        int next = Math.min(total(in), (viewModel.playIndexProperty().get() / in.units() + ROWS_PER_FRAME) * in.units());
        viewModel.playIndexProperty().set(next);
        if (next >= total(in)) {
            timeline.stop();
            play.setText("\u25b6 Play");
        }
    }

    private static int total(Inspection in) {
        return in.timeSteps() * in.units();
    }

    private void show(Inspection in) {
        if (in == null) {
            return;
        }
        scrubber.setMax(total(in));
        float[] flat = in.states().flattened();
        strip.unitsProperty().set(in.units());
        strip.maxAbsProperty().set(in.states().maxAbs());
        strip.valuesProperty().set(flat);
        update();
    }

    private void update() {
        Inspection in = viewModel.getInspection();
        if (in == null) {
            return;
        }
        int total = total(in);
        int index = Math.min(viewModel.playIndexProperty().get(), total);
        scrubber.setValue(index);
        boolean done = index >= total;
        if (done && !in.foldsWeights()) {
            float[] kept = in.denseInput();
            strip.valuesProperty().set(kept);
            strip.revealedProperty().set(kept.length);
            caption.setText(in.denseInputName() + ". Flatten would have passed all " + String.format("%,d", total)
                    + "; this model keeps " + kept.length + ".");
        } else {
            if (strip.valuesProperty().get() == null || strip.valuesProperty().get().length != total) {
                strip.valuesProperty().set(in.states().flattened());
            }
            strip.revealedProperty().set(index);
            caption.setText(String.format(Locale.ROOT, "Flatten: the %d x %d matrix, row by row, into %,d numbers "
                    + "(%,d unrolled)", in.timeSteps(), in.units(), total, index));
        }
        int shown = Math.max(0, Math.min(total - 1, index - 1));
        int t = FlattenStrip.timeStep(shown, in.units());
        int u = FlattenStrip.unit(shown, in.units());
        arithmetic.setText(FlattenStrip.arithmetic(t, u, in.units()) + String.format(Locale.ROOT, "  h = %.4f  (%s)",
                in.states().at(t, u), in.review().words()[t]));
    }

    public FlattenStripView strip() { return strip; }
    public Slider scrubber() { return scrubber; }
    public Label arithmeticLabel() { return arithmetic; }
    public Label caption() { return caption; }
}

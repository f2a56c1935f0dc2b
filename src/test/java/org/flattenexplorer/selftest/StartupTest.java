package org.flattenexplorer.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java start-up parts: native-cache folder choice, display/font checks, error messages. */
class StartupTest {
    @TempDir
    Path tmp;

    private Properties props(Path home) {
        Properties p = new Properties();
        p.setProperty("user.home", home.toString());
        p.setProperty("user.name", "alice");
        p.setProperty("java.io.tmpdir", tmp.resolve("tmp").toString());
        p.setProperty("os.name", "Linux");
        return p;
    }

    /** A path that cannot be created, even by root: a folder below a regular file. */
    private Path blocked() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        return file.resolve("below");
    }

    @Test
    void defaultIsJavacppsOwnCacheAndJavafxDefault() {
        Path home = tmp.resolve("home");
        NativeCache.Choice c = NativeCache.choose(props(home), Map.of());
        assertThat(c.javacpp()).isEqualTo(home.resolve(".javacpp/cache"));
        assertThat(c.javafx()).isNull();
        assertThat(c.warning()).isNull();
        assertThat(c.javacpp()).isDirectory();
    }

    @Test
    void installedAppPropertyExpandsTildeAndHoldsBothCaches() {
        Path home = tmp.resolve("home");
        Properties p = props(home);
        p.setProperty(NativeCache.PROPERTY, "~/.flatten-explorer/native-cache");
        NativeCache.Choice c = NativeCache.choose(p, Map.of());
        assertThat(c.javacpp()).isEqualTo(home.resolve(".flatten-explorer/native-cache/javacpp"));
        assertThat(c.javafx()).isEqualTo(home.resolve(".flatten-explorer/native-cache/openjfx"));
        assertThat(NativeCache.expand("${user.home}/x", "/h")).isEqualTo("/h/x");
        assertThat(NativeCache.expand("~", "/h")).isEqualTo("/h");
    }

    @Test
    void explicitJavacppPropertyWins() {
        Properties p = props(tmp.resolve("home"));
        p.setProperty(NativeCache.JAVACPP_PROPERTY, tmp.resolve("mine").toString());
        p.setProperty(NativeCache.PROPERTY, "~/other");
        assertThat(NativeCache.choose(p, Map.of()).javacpp()).isEqualTo(tmp.resolve("mine"));
    }

    @Test
    void unwritableHomeFallsBackToTmpWithAWarning() throws Exception {
        Path home = blocked();
        NativeCache.Choice c = NativeCache.choose(props(home), Map.of());
        assertThat(c.javacpp()).isEqualTo(tmp.resolve("tmp/flatten-explorer-alice/native-cache/javacpp"));
        assertThat(c.javafx()).isEqualTo(tmp.resolve("tmp/flatten-explorer-alice/native-cache/openjfx"));
        assertThat(c.warning()).contains("cannot write to " + home.resolve(".javacpp/cache"))
                .contains("unpacked to " + c.javacpp()).contains("check the permissions of " + home);
    }

    @Test
    void nothingWritableIsAStartupProblemThatSaysWhatToDo() throws Exception {
        Path home = blocked();
        Properties p = props(home);
        p.setProperty("java.io.tmpdir", home.resolve("tmp").toString());
        assertThatThrownBy(() -> NativeCache.choose(p, Map.of()))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("No writable folder for the native libraries")
                .hasMessageContaining(home.resolve(".javacpp/cache").toString())
                .hasMessageContaining("Check that your home folder " + home + " exists and is writable")
                .hasMessageContaining("-Dflatten.native.cachedir=");
    }

    @Test
    void withTheNativesInstalledTheFirstStartNeedsLittleSpace() throws Exception {
        Properties sys = new Properties();
        assertThat(NativeCache.nativesInstalled(sys)).isFalse();
        Path natives = Files.createDirectories(tmp.resolve("natives"));
        sys.setProperty(NativeCache.PRELOAD_PATH_PROPERTY, natives.toString());
        assertThat(NativeCache.nativesInstalled(sys)).isFalse();
        Files.writeString(natives.resolve(System.mapLibraryName("nd4jcpu")), "");
        assertThat(NativeCache.nativesInstalled(sys)).isTrue();
        assertThat(NativeCache.fullDiskMessage(Path.of("/c"), 5L << 20, NativeCache.NEEDED_BYTES_INSTALLED))
                .contains("about 1 MB").contains("Free at least 20 MB");
    }

    @Test
    void fullDiskMessageNamesFolderAndSpace() {
        String m = NativeCache.fullDiskMessage(Path.of("/x/cache"), 100L * 1024 * 1024);
        assertThat(m).startsWith("Disk full").contains("/x/cache").contains("only 100 MB are free")
                .contains("Free at least 450 MB");
    }

    @Test
    void displayCheck() {
        Properties linux = props(tmp);
        assertThat(StartupChecks.displayProblem(linux, Map.of())).startsWith("No display")
                .contains("DISPLAY is not set").contains("xvfb-run -a flatten-explorer").contains("--help");
        assertThat(StartupChecks.displayProblem(linux, Map.of("DISPLAY", ":0"))).isNull();
        assertThat(StartupChecks.displayProblem(linux, Map.of("WAYLAND_DISPLAY", "wayland-0")))
                .contains("XWayland");
        Properties monocle = props(tmp);
        monocle.setProperty("glass.platform", "Monocle");
        assertThat(StartupChecks.displayProblem(monocle, Map.of())).isNull();
        Properties windows = props(tmp);
        windows.setProperty("os.name", "Windows 11");
        assertThat(StartupChecks.displayProblem(windows, Map.of())).isNull();
    }

    @Test
    void fontScan() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        assertThat(StartupChecks.anyFontIn(List.of(tmp.resolve("empty"), tmp.resolve("missing")))).isFalse();
        Files.writeString(empty.resolve("DejaVuSans.ttf"), "");
        assertThat(StartupChecks.anyFontIn(List.of(tmp.resolve("missing"), tmp.resolve("empty")))).isTrue();
        assertThat(StartupChecks.isFontFile("x.pcf.gz")).isTrue();
        assertThat(StartupChecks.isFontFile("fonts.dir")).isFalse();
        assertThat(StartupChecks.noFontMessage()).startsWith("No fonts").contains("apt-get install fonts-dejavu-core");
        assertThat(StartupChecks.defaultFontDirs("/h")).contains(Path.of("/usr/share/fonts"), Path.of("/h/.fonts"));
    }

    @Test
    void explainsStartFailures() {
        assertThat(StartupChecks.explain(new RuntimeException("x", new NoClassDefFoundError("java/sql/Timestamp"))))
                .contains("bundled Java runtime lacks a module").contains("java.sql.Timestamp");
        assertThat(StartupChecks.explain(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path")))
                .startsWith("A native library did not load").contains("writable");
        assertThat(StartupChecks.explain(new UnsupportedOperationException("Unable to open DISPLAY")))
                .startsWith("No display");
        assertThat(StartupChecks.explain(new IllegalStateException("wrapped", new StartupProblem("No fonts: x"))))
                .isEqualTo("No fonts: x");
        assertThat(StartupChecks.explain(new java.io.IOException("No space left on device")))
                .startsWith("The disk is full");
        assertThat(StartupChecks.explain(new OutOfMemoryError("Java heap space"))).startsWith("Out of memory")
                .contains("smaller batch");
        NullPointerException fontNpe = new NullPointerException("Cannot read field \"firstFont\"");
        fontNpe.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.sun.javafx.font.LogicalFont", "<init>", "LogicalFont.java", 177)});
        assertThat(StartupChecks.explain(new IllegalStateException(new ExceptionInInitializerError(fontNpe))))
                .startsWith("No fonts");
        assertThat(StartupChecks.recognised(new NullPointerException("x"))).isFalse();
        assertThat(StartupChecks.explain(new IllegalArgumentException("odd\nsecond line")))
                .isEqualTo("java.lang.IllegalArgumentException: odd");
        // an app class missing is not blamed on the runtime
        assertThat(StartupChecks.explain(new NoClassDefFoundError("org/flattenexplorer/Foo")))
                .doesNotContain("lacks a module");
    }

    @Test
    void withoutGtkTheWindowIsRefusedNamingThePackage(@TempDir Path libs) throws Exception {
        Properties linux = new Properties();
        linux.setProperty("os.name", "Linux");
        String noGtk = StartupChecks.gtkProblem(linux, Map.of(), "libc.so.6 (libc6,x86-64) => /lib/libc.so.6",
                List.of(libs));
        assertThat(noGtk).startsWith("No GTK 3").contains("apt-get install libgtk-3-0").contains("--help");
        assertThat(StartupChecks.gtkProblem(linux, Map.of(), null, List.of(libs))).startsWith("No GTK 3");

        assertThat(StartupChecks.gtkProblem(linux, Map.of(), "libgtk-3.so.0 (libc6,x86-64) => /lib/x/libgtk-3.so.0",
                List.of(libs))).isNull();
        Files.createDirectories(libs.resolve("x86_64-linux-gnu"));
        Files.writeString(libs.resolve("x86_64-linux-gnu").resolve("libgtk-3.so.0"), "");
        assertThat(StartupChecks.gtkProblem(linux, Map.of(), null, List.of(libs))).isNull();
        Properties monocle = new Properties();
        monocle.setProperty("os.name", "Linux");
        monocle.setProperty("glass.platform", "Monocle");
        assertThat(StartupChecks.gtkProblem(monocle, Map.of(), null, List.of())).isNull();
    }

    @Test
    void busyThreadsLeaveJvmThreadsOut() {
        Map<String, Long> before = Map.of("1 native-threads", 10L, "2 native-threads", 0L, "3 C2 CompilerThre", 0L);
        Map<String, Long> after = Map.of("1 native-threads", 60L, "2 native-threads", 40L, "3 C2 CompilerThre", 90L,
                "4 java", 2L);
        assertThat(NativeThreads.busy(before, after, 3)).containsExactlyInAnyOrder("native-threads 500 ms", "native-threads 400 ms");
    }

    @Test
    void selfTestSpecIsTinyAndOptionsParse() {
        var spec = SelfTest.spec();
        assertThat(spec.data().maxlen()).isEqualTo(100);
        assertThat(spec.model().units()).isEqualTo(16);
        assertThat(spec.training().epochs()).isEqualTo(1);
        assertThat(spec.data().trainSize()).isEqualTo(64);
        assertThat(SelfTest.intOption(List.of("--hold", "5"), "--hold", 0)).isEqualTo(5);
        assertThat(SelfTest.intOption(List.of("--hold"), "--hold", 7)).isEqualTo(7);
        assertThat(SelfTest.intOption(List.of("--hold", "x"), "--hold", 7)).isEqualTo(7);
    }
}

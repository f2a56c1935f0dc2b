package org.flattenexplorer.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What one training run of a spec needs in memory, estimated before anything is allocated, so a spec that
 * cannot fit is refused with the estimate instead of failing deep inside DL4J minutes later. ND4J keeps the
 * parameters, their gradients, Adam's two moments and every batch's activations in native memory, which JavaCPP
 * holds under {@code maxphysicalbytes} together with the heap (ND4J's buffers are not counted in JavaCPP's
 * {@code maxbytes}: measured, its counter stays under 10 MB while a run takes 1.5 GB); the fast LSTM keeps its
 * cell states on the Java heap ({@code -Xmx}).
 *
 * <p>The native estimate counts, in floats: 4 per parameter, and per review and time step of a batch the
 * embedding output, its dropout copy and gradient (3E) and the LSTM's input projection, gate activations, cell
 * and hidden states with their gradients, and the flatten copy (16U), plus the validation pass, times 1.2 for
 * DL4J's workspaces. Measured with the app's limits (one epoch on 640 synthetic reviews, resident memory at its
 * end; estimate in brackets): 128 units / maxlen 500: 0.61 GB (0.65); 512 / 500: 1.57 GB (1.70); 128 / 2000:
 * 1.77 GB (1.85); 256 / 1000: 1.61 GB (1.74).
 */
public record TrainingMemory(long heapBytes, long nativeBytes) {
    private static final long FLOAT = 4;
    private static final double WORKSPACE_FACTOR = 1.2;
    /** The app's own classes, the data and the window, on the heap before a run starts. */
    private static final long HEAP_BASE = 160L << 20;
    private static final int INFERENCE_BATCH = 100;

    public static TrainingMemory estimate(ExperimentSpec spec, int vocabularySize) {
        long params = KerasSummary.of(spec, vocabularySize).totalParams();
        long steps = (long) spec.training().batch() * spec.data().maxlen();
        long inferenceSteps = (long) Math.max(spec.training().batch(), INFERENCE_BATCH) * spec.data().maxlen();
        long training = 4 * params + steps * (3L * spec.model().embedding() + 16L * spec.model().stateWidth());
        long inference = inferenceSteps * (spec.model().embedding() + 6L * spec.model().stateWidth());
        long nativeBytes = (long) (WORKSPACE_FACTOR * FLOAT * (training + inference));
        long heapBytes = HEAP_BASE + (spec.model().implementation() == Implementation.FAST
                ? 2 * steps * spec.model().stateWidth() * FLOAT : 0);
        return new TrainingMemory(heapBytes, nativeBytes);
    }

    public long totalBytes() {
        return heapBytes + nativeBytes;
    }

    /** Why this estimate does not fit these limits (in the user's terms, with the numbers), or empty. */
    public Optional<String> problem(ExperimentSpec spec, Limits limits) {
        String shape = String.format(Locale.ROOT, "batch %d x maxlen %d x %d units", spec.training().batch(),
                spec.data().maxlen(),
                spec.model().units());
        String todo = ": use fewer units, a shorter maxlen or a smaller batch";
        if (totalBytes() > limits.totalBytes()) {
            return Optional.of("this model needs about " + size(totalBytes()) + " of memory to train (" + shape
                    + "), more than the " + size(limits.totalBytes()) + " " + limits.source() + todo);
        }
        if (heapBytes > limits.heapBytes()) {
            return Optional.of("this model needs about " + size(heapBytes) + " of Java memory to train (" + shape
                    + "), more than the " + size(limits.heapBytes()) + " the app may use (-Xmx)" + todo);
        }
        return Optional.empty();
    }

    /** @throws InvalidSpecException with the estimate when the spec does not fit this JVM's limits */
    public static void require(ExperimentSpec spec, int vocabularySize) {
        estimate(spec, vocabularySize).problem(spec, Limits.ofThisJvm()).ifPresent(p -> {
            throw new InvalidSpecException(p);
        });
    }

    /**
     * The memory a run may use: the Java heap, and everything together (JavaCPP's {@code maxphysicalbytes}, or
     * the machine's memory when that is less); {@code source} says which, for the message.
     */
    public record Limits(long heapBytes, long totalBytes, String source) {
        public static Limits ofThisJvm() {
            long heap = Runtime.getRuntime().maxMemory();
            long physical = parseBytes(System.getProperty("org.bytedeco.javacpp.maxphysicalbytes"), 2 * heap);
            long machine = machineMemory();
            return machine > 0 && machine < physical
                    ? new Limits(heap, machine, "this computer has")
                    : new Limits(heap, physical, "the app may use (org.bytedeco.javacpp.maxphysicalbytes)");
        }

        private static long machineMemory() {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        }
    }

    /** "1500m", "3g", "123456" as JavaCPP reads them; {@code otherwise} when unset or unreadable. */
    static long parseBytes(String value, long otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        long unit = switch (v.charAt(v.length() - 1)) {
            case 't' -> 1L << 40;
            case 'g' -> 1L << 30;
            case 'm' -> 1L << 20;
            case 'k' -> 1L << 10;
            default -> 1;
        };
        try {
            return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", Math.max(1, bytes >> 20));
    }
}

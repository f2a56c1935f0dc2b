#!/bin/sh
# Regenerates the double-precision cell kernels (model/cell/*KernelD.java) from the float ones (*KernelF.java).
# Run after editing a *KernelF. An argument writes the results into that folder instead (a test checks that the
# committed files are up to date).
src="$(dirname "$0")/../src/main/java/org/flattenexplorer/model/cell"
out="$(realpath -m "${1:-$src}")"
mkdir -p "$out"
cd "$src"
for f in RecurrentKernelF GruKernelF SimpleRnnKernelF; do
  d="$(echo "$f" | sed 's/F$/D/')"
  {
    echo "// GENERATED from $f.java by gen-double-cell-kernels.sh: do not edit; edit $f and rerun."
    sed -e 's/RecurrentKernelF/RecurrentKernelD/g' -e 's/StepProductF/StepProductD/g' -e 's/InputRunsF/InputRunsD/g' -e 's/GruKernelF/GruKernelD/g' -e 's/SimpleRnnKernelF/SimpleRnnKernelD/g' \
        -e 's/FloatPointer/DoublePointer/g' -e 's/FloatBuffer/DoubleBuffer/g' -e 's/NativeFloats/NativeDoubles/g' -e 's/asNioFloat/asNioDouble/g' \
        -e 's/DataType\.FLOAT/DataType.DOUBLE/g' -e 's/cblas_sgemm/cblas_dgemm/g' -e 's/cblas_sgemv/cblas_dgemv/g' -e 's/float/double/g' \
        -e 's/Single-precision/Double-precision/' \
        -e 's/^ \* <p>The {@code \*KernelD} classes are generated .*$/ * <p>Generated from RecurrentKernelF./' \
        -e '/^ \* keep them in sync\.$/d' \
        "$f.java"
  } > "$out/$d.java"
done

#!/bin/sh
# Regenerates the double-precision LSTM kernel, per-step product and input runs (model/lstm/LstmKernelD.java,
# StepProductD.java, InputRunsD.java) from the float ones (LstmKernelF.java, StepProductF.java, InputRunsF.java).
# Run after editing one. An argument writes the results into that folder instead (a test checks that the committed
# files are up to date).
src="$(dirname "$0")/../src/main/java/org/flattenexplorer/model/lstm"
out="$(realpath -m "${1:-$src}")"
mkdir -p "$out"
cd "$src"
for f in LstmKernelF StepProductF InputRunsF; do
  d="$(echo "$f" | sed 's/F$/D/')"
  {
    echo "// GENERATED from $f.java by gen-double-kernel.sh: do not edit; edit $f and rerun."
    sed -e 's/LstmKernelF/LstmKernelD/g' -e 's/StepProductF/StepProductD/g' -e 's/InputRunsF/InputRunsD/g' -e 's/FloatPointer/DoublePointer/g' \
        -e 's/FloatBuffer/DoubleBuffer/g' -e 's/NativeFloats/NativeDoubles/g' -e 's/FloatVector/DoubleVector/g' \
        -e 's/VectorSpecies<Float>/VectorSpecies<Double>/g' \
        -e 's/asNioFloat/asNioDouble/g' -e 's/DataType\.FLOAT/DataType.DOUBLE/g' -e 's/cblas_sgemm/cblas_dgemm/g' -e 's/cblas_sgemv/cblas_dgemv/g' \
        -e 's/float/double/g' -e 's/Single-precision/Double-precision/' \
        -e "s/{@code ${d}} is generated from this file (see its header): keep them in sync./Generated from $f./" \
        -e "s/{@code ${d}} is generated from this file (scripts\/gen-double-kernel.sh): keep them in sync./Generated from $f./" \
        "$f.java"
  } > "$out/$d.java"
done

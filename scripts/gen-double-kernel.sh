#!/bin/sh
# Regenerates LstmKernelD.java (double precision) from LstmKernelF.java. Run after editing LstmKernelF.
# An argument writes the result elsewhere (a test checks the committed file is up to date).
out="$(realpath -m "${1:-$(dirname "$0")/../src/main/java/org/flattenexplorer/model/lstm/LstmKernelD.java}")"
cd "$(dirname "$0")/../src/main/java/org/flattenexplorer/model/lstm"
{
  echo "// GENERATED from LstmKernelF.java by gen-double-kernel.sh: do not edit; edit LstmKernelF and rerun."
  sed -e 's/LstmKernelF/LstmKernelD/g' -e 's/FloatPointer/DoublePointer/g' -e 's/FloatBuffer/DoubleBuffer/g' -e 's/NativeFloats/NativeDoubles/g' \
      -e 's/asNioFloat/asNioDouble/g' -e 's/DataType\.FLOAT/DataType.DOUBLE/g' -e 's/cblas_sgemm/cblas_dgemm/g' -e 's/cblas_sgemv/cblas_dgemv/g' \
      -e 's/float/double/g' -e 's/Single-precision/Double-precision/' -e 's/{@code LstmKernelD} is generated from this file (see its header): keep them in sync./Generated from LstmKernelF./' \
      LstmKernelF.java
} > "$out"

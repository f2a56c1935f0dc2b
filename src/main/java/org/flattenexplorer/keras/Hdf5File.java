package org.flattenexplorer.keras;

import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5O_TYPE_DATASET;
import static org.bytedeco.hdf5.global.hdf5.H5O_TYPE_GROUP;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5T_FLOAT;
import static org.bytedeco.hdf5.global.hdf5.H5T_INTEGER;
import static org.bytedeco.hdf5.global.hdf5.H5T_STRING;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Location;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * The few HDF5 operations a Keras 2 model file needs, on the HDF5 C library (not through DL4J's importer): string
 * attributes (fixed or variable length, one or a list), groups, and float datasets read and written. Paths are
 * slash-separated from the root ({@code "model_weights/lstm_1"}); Keras's weight names hold slashes too
 * ({@code "lstm_1/kernel:0"}), which HDF5 resolves as nested groups. The library is not thread-safe: every call
 * holds the lock DL4J's importer uses too. HDF5's own error printing is off; failures come back as exceptions.
 */
public final class Hdf5File implements AutoCloseable {
    private static final Object LOCK = Hdf5Archive.LOCK_OBJECT;

    static {
        synchronized (LOCK) {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            H5Eset_auto2(H5E_DEFAULT(), null, null); // no HDF5-DIAG stack traces on stderr
            org.bytedeco.hdf5.Exception.dontPrint();
        }
    }

    /** A float array and its shape, row-major (C order) as HDF5 and numpy store it. */
    public record Tensor(int[] shape, float[] data) {
        public int size() {
            return data.length;
        }

        public int dim(int i) {
            return shape[i];
        }

        public String shapeText() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                s.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return s.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    private final H5File file;
    private final Path path;

    private Hdf5File(H5File file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Opens an existing file read-only; the caller has checked that it is HDF5 (see {@link KerasModelFile}). */
    public static Hdf5File open(Path path) {
        synchronized (LOCK) {
            return new Hdf5File(new H5File(path.toString(), H5F_ACC_RDONLY()), path);
        }
    }

    /** Creates (or truncates) a file for writing. */
    public static Hdf5File create(Path path) {
        synchronized (LOCK) {
            return new Hdf5File(new H5File(path.toString(), H5F_ACC_TRUNC()), path);
        }
    }

    public Path path() {
        return path;
    }

    /** True when {@code path} names a group (or the root, ""). */
    public boolean isGroup(String groupPath) {
        synchronized (LOCK) {
            return groupPath.isEmpty() || exists(groupPath) && file.childObjType(groupPath) == H5O_TYPE_GROUP;
        }
    }

    public boolean isDataset(String datasetPath) {
        synchronized (LOCK) {
            return exists(datasetPath) && file.childObjType(datasetPath) == H5O_TYPE_DATASET;
        }
    }

    /** Every link along the path exists (HDF5 refuses to look up a path through a missing group). */
    private boolean exists(String p) {
        StringBuilder prefix = new StringBuilder();
        for (String part : p.split("/")) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(part);
            if (!file.nameExists(prefix.toString())) {
                return false;
            }
        }
        return true;
    }

    /** Names of a group's members (groups and datasets), in HDF5's order (alphabetical for Keras files). */
    public List<String> children(String groupPath) {
        synchronized (LOCK) {
            H5Location g = location(groupPath);
            try {
                List<String> names = new ArrayList<>();
                for (long i = 0; i < g.getNumObjs(); i++) {
                    names.add(g.getObjnameByIdx(i).getString(StandardCharsets.UTF_8));
                }
                return names;
            } finally {
                release(g);
            }
        }
    }

    public boolean hasAttribute(String objectPath, String name) {
        synchronized (LOCK) {
            if (!objectPath.isEmpty() && !exists(objectPath)) {
                return false;
            }
            H5Location g = location(objectPath);
            try {
                return ((org.bytedeco.hdf5.H5Object) g).attrExists(name);
            } finally {
                release(g);
            }
        }
    }

    /** A string attribute (the first one, if it is a list); empty when there is none or it is not text. */
    public Optional<String> stringAttribute(String objectPath, String name) {
        List<String> values = stringsAttribute(objectPath, name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A string or list-of-strings attribute; empty when missing or not text. */
    public List<String> stringsAttribute(String objectPath, String name) {
        synchronized (LOCK) {
            if (!hasAttribute(objectPath, name)) {
                return List.of();
            }
            H5Location g = location(objectPath);
            Attribute a = ((org.bytedeco.hdf5.H5Object) g).openAttribute(name);
            try {
                if (a.getTypeClass() != H5T_STRING) {
                    return List.of();
                }
                DataSpace space = a.getSpace();
                int count = (int) space.getSimpleExtentNpoints(); // 1 for a scalar, 0 for an empty list
                space.deallocate();
                if (count == 0) {
                    return List.of();
                }
                StrType type = a.getStrType();
                List<String> out = new ArrayList<>(count);
                if (type.isVariableStr()) {
                    PointerPointer<BytePointer> pointers = new PointerPointer<>(count);
                    a.read(type, pointers);
                    for (int i = 0; i < count; i++) {
                        BytePointer p = pointers.get(BytePointer.class, i);
                        out.add(p == null || p.isNull() ? "" : p.getString(StandardCharsets.UTF_8));
                    }
                } else {
                    int size = (int) type.getSize();
                    BytePointer buffer = new BytePointer((long) size * count);
                    a.read(type, (org.bytedeco.javacpp.Pointer) buffer); // the BytePointer overload reads one std::string
                    byte[] bytes = new byte[size * count];
                    buffer.get(bytes);
                    for (int i = 0; i < count; i++) {
                        int end = i * size;
                        while (end < (i + 1) * size && bytes[end] != 0) {
                            end++;
                        }
                        out.add(new String(bytes, i * size, end - i * size, StandardCharsets.UTF_8));
                    }
                }
                type.deallocate();
                return out;
            } finally {
                a.deallocate();
                release(g);
            }
        }
    }

    /** A numeric dataset as floats (integers are converted), with its shape. */
    public Tensor readFloats(String datasetPath) {
        synchronized (LOCK) {
            DataSet ds = file.openDataSet(datasetPath);
            try {
                int typeClass = ds.asAbstractDs().getTypeClass();
                if (typeClass != H5T_FLOAT && typeClass != H5T_INTEGER) {
                    throw new IllegalArgumentException(datasetPath + " is not a numeric dataset");
                }
                DataSpace space = ds.getSpace();
                int rank = space.getSimpleExtentNdims();
                long[] dims = new long[rank];
                space.getSimpleExtentDims(dims);
                space.deallocate();
                int[] shape = new int[rank];
                long n = 1;
                for (int i = 0; i < rank; i++) {
                    shape[i] = Math.toIntExact(dims[i]);
                    n *= dims[i];
                }
                float[] data = new float[Math.toIntExact(n)];
                FloatPointer buffer = new FloatPointer(n);
                DataType memType = new DataType(PredType.NATIVE_FLOAT());
                ds.read(buffer, memType);
                buffer.get(data);
                buffer.deallocate();
                return new Tensor(shape, data);
            } finally {
                ds.deallocate();
            }
        }
    }

    /** Creates a group, and its parents where missing. */
    public void createGroup(String groupPath) {
        synchronized (LOCK) {
            StringBuilder prefix = new StringBuilder();
            for (String part : groupPath.split("/")) {
                prefix.append(prefix.length() == 0 ? "" : "/").append(part);
                if (!file.nameExists(prefix.toString())) {
                    file.createGroup(prefix.toString()).deallocate();
                }
            }
        }
    }

    /** A fixed-length string attribute, as h5py writes Keras's {@code bytes} attributes. */
    public void writeStringAttribute(String objectPath, String name, String value) {
        writeStringsAttribute(objectPath, name, List.of(value), true);
    }

    /** A list of fixed-length strings (Keras's {@code layer_names} and {@code weight_names}). */
    public void writeStringsAttribute(String objectPath, String name, List<String> values) {
        writeStringsAttribute(objectPath, name, values, false);
    }

    private void writeStringsAttribute(String objectPath, String name, List<String> values, boolean scalar) {
        synchronized (LOCK) {
            int size = 1;
            for (String v : values) {
                size = Math.max(size, v.getBytes(StandardCharsets.UTF_8).length);
            }
            byte[] bytes = new byte[size * values.size()];
            for (int i = 0; i < values.size(); i++) {
                byte[] v = values.get(i).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(v, 0, bytes, i * size, v.length);
            }
            StrType type = new StrType(PredType.C_S1(), size);
            DataSpace space = scalar ? new DataSpace(H5S_SCALAR) : new DataSpace(1, new long[] {values.size()});
            H5Location g = location(objectPath);
            Attribute a = ((org.bytedeco.hdf5.H5Object) g).createAttribute(name, type, space);
            BytePointer buffer = new BytePointer(bytes);
            a.write(type, (org.bytedeco.javacpp.Pointer) buffer); // as raw bytes: the BytePointer overload is std::string
            a.deallocate();
            space.deallocate();
            type.deallocate();
            release(g);
        }
    }

    /** A float32 dataset (its parent groups are created). */
    public void writeFloats(String datasetPath, int[] shape, float[] data) {
        synchronized (LOCK) {
            int slash = datasetPath.lastIndexOf('/');
            if (slash > 0) {
                createGroup(datasetPath.substring(0, slash));
            }
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[i];
            }
            DataSpace space = new DataSpace(shape.length, dims);
            DataType type = new DataType(PredType.NATIVE_FLOAT());
            DataSet ds = file.createDataSet(datasetPath, new DataType(PredType.IEEE_F32LE()), space);
            FloatPointer buffer = new FloatPointer(data);
            ds.write(buffer, type);
            buffer.deallocate();
            ds.deallocate();
            space.deallocate();
        }
    }

    private H5Location location(String groupPath) {
        if (groupPath.isEmpty()) {
            return file;
        }
        if (file.childObjType(groupPath) == H5O_TYPE_DATASET) {
            return file.openDataSet(groupPath);
        }
        return file.openGroup(groupPath);
    }

    private void release(H5Location g) {
        if (g != file) {
            if (g instanceof Group group) {
                group.deallocate();
            } else if (g instanceof DataSet ds) {
                ds.deallocate();
            }
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            file._close();
            file.deallocate();
        }
    }
}

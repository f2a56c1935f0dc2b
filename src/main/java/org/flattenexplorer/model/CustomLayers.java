package org.flattenexplorer.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the project's custom DL4J layers (the fast LSTM and the fast embedding) share: they take a stock layer's
 * configuration whole, and they are instantiated the way DL4J instantiates its own layers.
 */
public final class CustomLayers {
    private CustomLayers() {}

    /** Copies every instance field declared in {@code top} and its superclasses from {@code from} to {@code to}. */
    public static void copyFields(Object from, Object to, Class<?> top) {
        for (Class<?> c = top; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy the layer setting " + c.getSimpleName() + "."
                            + f.getName(), e);
                }
            }
        }
    }

    /** Gives a new layer implementation its listeners, index and (initialised) parameters, as DL4J's layers do. */
    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                                           Collection<TrainingListener> listeners, int index, INDArray paramsView,
                                           boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> paramTable = initializer.init(conf, paramsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}

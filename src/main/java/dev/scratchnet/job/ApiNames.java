package dev.scratchnet.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.GradientMethod;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.OptimizerKind;
import dev.scratchnet.engine.Sampling;
import dev.scratchnet.engine.WeightInit;

/**
 * The spellings a job's JSON uses for the engine's enums, and the ones a job may choose. The mapping lives here
 * because the engine knows nothing of JSON.
 */
final class ApiNames {

    /** Hidden activations a job may use; step and softmax exist in the engine but cannot serve here. */
    static final Map<String, Activation> HIDDEN = only(Activation::apiName,
            Activation.SIGMOID, Activation.RELU, Activation.TANH);
    /** Output activations: probabilities (softmax), raw scores (identity) or independent sigmoids. */
    static final Map<String, Activation> OUTPUT = only(Activation::apiName,
            Activation.SOFTMAX, Activation.IDENTITY, Activation.SIGMOID);
    static final Map<String, Loss> LOSS = only(Loss::apiName, Loss.CROSS_ENTROPY, Loss.SUM_SQUARES);
    static final Map<String, OptimizerKind> OPTIMIZER = only(OptimizerKind::apiName, OptimizerKind.values());
    static final Map<String, Sampling> SAMPLING = only(Sampling::apiName, Sampling.values());
    static final Map<String, WeightInit> WEIGHT_INIT = only(WeightInit::apiName, WeightInit.values());
    static final Map<String, GradientMethod> GRADIENT = only(GradientMethod::apiName, GradientMethod.values());

    private ApiNames() {
    }

    static List<String> allowed(Map<String, ?> names) {
        return List.copyOf(names.keySet());
    }

    @SafeVarargs
    private static <E> Map<String, E> only(Function<E, String> name, E... chosen) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : chosen) {
            map.put(name.apply(value), value);
        }
        return Collections.unmodifiableMap(map);
    }
}

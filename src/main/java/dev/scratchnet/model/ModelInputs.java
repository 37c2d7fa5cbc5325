package dev.scratchnet.model;

import dev.scratchnet.dataset.FeatureScaling;

/**
 * What a model's inputs are. A model trained on an image set keeps an identity scaling (pixels are scaled to [0, 1]
 * as they are read), so it takes intensities in [0, 1]; one trained on a CSV table keeps the table's
 * standardisation and takes raw feature values. A model registered without a dataset takes its inputs as given.
 */
public final class ModelInputs {

    private ModelInputs() {
    }

    /** Whether inputs are pixel intensities, each in [0, 1]. */
    public static boolean takesPixels(SavedModel model) {
        return model.dataset() != null && isIdentity(model.scaling());
    }

    /** The scaling to apply to raw inputs, or null when there is none to apply. */
    public static FeatureScaling scalingToApply(SavedModel model) {
        return isIdentity(model.scaling()) ? null : model.scaling();
    }

    private static boolean isIdentity(FeatureScaling scaling) {
        return scaling == null || scaling.isIdentity();
    }
}

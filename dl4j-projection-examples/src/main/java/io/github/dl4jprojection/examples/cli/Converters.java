package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageSize;
import io.github.dl4jprojection.pipeline.ExportQuantization;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.SequencePooling;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the option values; each turns the parser's IllegalArgumentException into
 * picocli's TypeConversionException so the user sees the parser's message on one line.
 */
final class Converters {

    private Converters() {
    }

    /** Base: delegates to a parse method and rewraps its error. */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        @Override
        public T convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        abstract T parse(String value);
    }

    static final class Task extends Parsing<TaskOption> {
        @Override
        TaskOption parse(String value) {
            return TaskOption.parse(value);
        }
    }

    static final class Features extends Parsing<FeaturizerConfig> {
        @Override
        FeaturizerConfig parse(String value) {
            return FeaturizerOption.parse(value);
        }
    }

    static final class Pooling extends Parsing<SequencePooling> {
        @Override
        SequencePooling parse(String value) {
            return SequencePooling.fromCliName(value);
        }
    }

    static final class Model extends Parsing<ProjectionFamily> {
        @Override
        ProjectionFamily parse(String value) {
            return ProjectionFamily.fromCliName(value);
        }
    }

    static final class Conv extends Parsing<ConvStages> {
        @Override
        ConvStages parse(String value) {
            return ConvStages.parse(value);
        }
    }

    static final class Bits extends Parsing<ProjectionBits> {
        @Override
        ProjectionBits parse(String value) {
            return ProjectionBits.parse(value);
        }
    }

    static final class Density extends Parsing<ProjectionDensity> {
        @Override
        ProjectionDensity parse(String value) {
            return ProjectionDensity.parse(value);
        }
    }

    static final class Hidden extends Parsing<HiddenLayers> {
        @Override
        HiddenLayers parse(String value) {
            return HiddenLayers.parse(value);
        }
    }

    static final class Lambda extends Parsing<LossWeights> {
        @Override
        LossWeights parse(String value) {
            return LossWeights.parse(value);
        }
    }

    static final class Quantize extends Parsing<ExportQuantization> {
        @Override
        ExportQuantization parse(String value) {
            return ExportQuantization.fromCliName(value);
        }
    }

    static final class Size extends Parsing<ImageSize> {
        @Override
        ImageSize parse(String value) {
            return ImageSize.parse(value);
        }
    }
}

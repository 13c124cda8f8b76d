package io.commandcenter.validation;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: unknown fields, missing primitives, numbers as strings, fractions
 * into integers, numbers for enums, infinite numbers (1e999) and text with control characters are
 * refused with the field's path (ApiExceptionHandler names it). Only the HTTP converter is strict;
 * the application's own mapper (stored JSON) keeps its leniency.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /**
     * Replaces the JSON converter in its usual place (after the String and byte[] converters, so
     * plain and pre-rendered bodies are written as they are); runs after Boot's own customizer.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictJsonConverter(JsonMapper jsonMapper) {
        JacksonJsonHttpMessageConverter strict = new JacksonJsonHttpMessageConverter(strict(jsonMapper));
        return builder -> builder.withJsonConverter(strict);
    }

    static JsonMapper strict(JsonMapper base) {
        SimpleModule module = new SimpleModule("strict-input");
        module.addDeserializer(String.class, new CleanString());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(Double.TYPE, 0.0));
        return base.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(module)
                .build();
    }

    /** Text with NUL and other control characters (tab and line breaks aside) or bidi overrides is refused. */
    static final class CleanString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String s = super.deserialize(p, ctxt);
            if (Text.hasForbiddenMultiLine(s)) {
                throw MismatchedInputException.from(p, String.class, "must not contain control characters");
            }
            return s;
        }
    }

    /** 1e999 parses as infinity; no field takes it. */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Double d = super.deserialize(p, ctxt);
            if (d != null && !Double.isFinite(d)) {
                throw MismatchedInputException.from(p, Double.class, "must be a finite number");
            }
            return d;
        }
    }
}

package io.commandcenter.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A single line of text: at most {@link #max} characters, no control characters (U+0000–U+001F,
 * U+007F–U+009F) and no bidirectional overrides. Null is valid (add {@code @NotBlank} to require it).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    int max() default Limits.REASON;

    /** Whether tab and line breaks are allowed (a question, a note); other control characters never are. */
    boolean multiLine() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        private int max;
        private boolean multiLine;

        @Override
        public void initialize(PlainText annotation) {
            max = annotation.max();
            multiLine = annotation.multiLine();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            String problem = value == null ? null : multiLine ? Text.multiLineProblem(value.toString(), max)
                    : Text.problem(value.toString(), max);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}

package vn.congdoan.sangkien.orgunit.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date of the years 1 to 9999. Dates in JSON parse into any year, signed ones too ({@code -5000-01-01},
 * {@code +300000-01-01}); PostgreSQL refuses some of them only once it stores or compares them, and stores others
 * that no union's history holds.
 */
@Documented
@Constraint(validatedBy = DateInRange.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface DateInRange {

    LocalDate FIRST = LocalDate.of(1, 1, 1);
    LocalDate LAST = LocalDate.of(9999, 12, 31);

    String message() default "must be a date from 0001-01-01 to 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DateInRange, LocalDate> {

        /** {@code null} passes: whether a date is required is another constraint's business. */
        public static boolean contains(LocalDate day) {
            return day == null || !day.isBefore(FIRST) && !day.isAfter(LAST);
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return contains(value);
        }
    }
}

package vn.congdoan.sangkien.kit.problem;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import io.quarkus.jackson.ObjectMapperCustomizer;
import vn.congdoan.sangkien.kit.rest.QueryParams;

/**
 * Request bodies mean what they say: a key given twice, a number where a name belongs ({@code "field": 5}, which
 * Jackson would read as the sixth constant) and text holding the NUL character (which PostgreSQL cannot store) are
 * refused as malformed JSON naming the field, instead of being guessed at; so is a property the request does not have
 * ({@code "titel"}); so are half a surrogate pair ({@code
 * "\\ud800"} alone, which would be stored as '?') and dates beyond four-digit years. Numbers are still read as text
 * ({@code "memberCount": 42} where the bulk import takes text), which loses nothing.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last, after Quarkus has registered its modules: its java.time module would otherwise read dates itself. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // a misspelt or unexpected property is refused, naming it, instead of being dropped without a word
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new SimpleModule("strict-text").addDeserializer(String.class, new NoNulText())
                .addDeserializer(LocalDate.class, new FourDigitYears()));
    }

    /** Plain text: without U+0000, and without half of a surrogate pair, which no encoding can store. */
    static final class NoNulText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text == null) {
                return null;
            }
            if (text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "Text must not contain the NUL character (U+0000)", text,
                        String.class);
            }
            if (hasUnpairedSurrogate(text)) {
                throw InvalidFormatException.from(p, "Text must not contain half of a surrogate pair (U+D800 to "
                        + "U+DFFF alone)", text, String.class);
            }
            return text;
        }

        static boolean hasUnpairedSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A date as YYYY-MM-DD with a four-digit year, as {@link QueryParams} reads them in URIs. */
    static final class FourDigitYears extends StdDeserializer<LocalDate> {

        FourDigitYears() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            LocalDate date = LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
            if (date != null && !QueryParams.inRange(date)) {
                throw InvalidFormatException.from(p, "Dates must lie from " + QueryParams.FIRST_DAY + " to "
                        + QueryParams.LAST_DAY, date.toString(), LocalDate.class);
            }
            return date;
        }
    }
}

package vn.congdoan.sangkien.kit.problem;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies mean what they say: a key given twice, a number where a name belongs ({@code "field": 5}, which
 * Jackson would read as the sixth constant) and text holding the NUL character (which PostgreSQL cannot store) are
 * refused as malformed JSON naming the field, instead of being guessed at. Numbers are still read as text
 * ({@code "memberCount": 42} where the bulk import takes text), which loses nothing.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.registerModule(new SimpleModule("strict-text").addDeserializer(String.class, new NoNulText()));
    }

    /** Plain text, without U+0000. */
    static final class NoNulText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "Text must not contain the NUL character (U+0000)", text,
                        String.class);
            }
            return text;
        }
    }
}

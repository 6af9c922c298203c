package dev.slipway.core.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.SlipwayException;
import dev.slipway.core.SourceResult;

/** Results to JSON and back, with Jackson kept out of the public types (mix-ins instead of annotations). */
public final class ResultJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = SourceResult.class, name = "source"),
            @JsonSubTypes.Type(value = BuildResult.class, name = "build"),
            @JsonSubTypes.Type(value = PublishResult.class, name = "publish")})
    private interface ActionResultMixin {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .addMixIn(ActionResult.class, ActionResultMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ResultJson() {
    }

    public static String write(PipelineResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new SlipwayException("cannot write the result as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static PipelineResult read(String json) {
        try {
            return MAPPER.readValue(json, PipelineResult.class);
        } catch (JsonProcessingException e) {
            throw new SlipwayException("not a Slipway result: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }
}

package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Path and query parameters use the same lower-case enum names as JSON bodies ({@code storefront},
 * {@code active}); request bodies are read as text PostgreSQL can store.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** The API's request mapping: see {@link LiteralSegmentHandlerMapping} for why it is not Spring's. */
    @Bean
    WebMvcRegistrations literalSegmentMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new LiteralSegmentHandlerMapping();
            }
        };
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new WireNameToEnum());
    }

    /**
     * Request bodies are read with {@link StorableText}: text PostgreSQL cannot store is refused at
     * the edge. Only the converter of HTTP messages gets it, not the application's shared mapper,
     * which Axon also uses to read events already stored.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                jackson.setObjectMapper(jackson.getObjectMapper()
                        .copy()
                        .registerModule(
                                new SimpleModule("storable-text").addDeserializer(String.class, new StorableText())));
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class WireNameToEnum implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            return source -> source.isBlank()
                    ? null
                    : (T) Enum.valueOf(targetType, source.trim().toUpperCase(Locale.ROOT));
        }
    }
}

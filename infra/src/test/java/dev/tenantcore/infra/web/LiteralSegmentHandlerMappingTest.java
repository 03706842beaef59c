package dev.tenantcore.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@DisplayName("The request mapping that compares literal path segments first")
class LiteralSegmentHandlerMappingTest {

    private final RequestMappingHandlerMapping mapping = initialised(new LiteralSegmentHandlerMapping());

    @Test
    @DisplayName("chooses what Spring's mapping chooses: variables, literals before variables, encoded segments")
    void choosesAsSpringDoes() throws Exception {
        RequestMappingHandlerMapping spring = initialised(new RequestMappingHandlerMapping());
        String[][] requests = {
            {"GET", "/api/v1/products/42"},
            {"GET", "/api/v1/products/search"},
            {"PATCH", "/api/v1/products/42"},
            {"GET", "/api/v1/product%73/42"},
            {"GET", "/api/v1/products/42/variants/7"},
            {"GET", "/api/v1/orders/9"},
            {"GET", "/api/v1/leads/3"},
            {"GET", "/api/v1/leads/3/history"},
            {"GET", "/health"},
            {"GET", "/api/v1/nothing/here"},
            {"GET", "/api/v1"},
        };
        for (String[] request : requests) {
            assertThat(chosen(mapping, request[0], request[1]))
                    .as(request[0] + " " + request[1])
                    .isEqualTo(chosen(spring, request[0], request[1]));
        }
        assertThat(chosen(mapping, "GET", "/api/v1/products/search")).isEqualTo("search");
        assertThat(chosen(mapping, "GET", "/api/v1/product%73/42")).isEqualTo("product");
        assertThat(chosen(mapping, "GET", "/api/v1/nothing/here")).isNull();
        assertThat(chosen(mapping, "GET", "/api/v1/leads/3")).isEqualTo("resource");
        assertThat(chosen(mapping, "GET", "/api/v1/leads/3/history")).isEqualTo("history");
    }

    @Test
    @DisplayName("a path no mapping takes with this method is still 405, and an Accept it cannot answer 406")
    void refusalsStay() {
        assertThatThrownBy(() -> mapping.getHandler(new MockHttpServletRequest("DELETE", "/api/v1/products/42")))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
        MockHttpServletRequest xml = new MockHttpServletRequest("GET", "/api/v1/orders/9");
        xml.addHeader("Accept", "application/xml");
        assertThatThrownBy(() -> mapping.getHandler(xml)).isInstanceOf(HttpMediaTypeNotAcceptableException.class);
    }

    @Test
    @DisplayName("takes mappings registered and removed while running into account")
    void followsRegistrations() throws Exception {
        RequestMappingInfo late = RequestMappingInfo.paths("/api/v1/late/{id}")
                .methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration())
                .build();
        assertThat(chosen(mapping, "GET", "/api/v1/late/1")).isNull();
        mapping.registerMapping(late, new Others(), Others.class.getDeclaredMethod("resource", String.class));
        assertThat(chosen(mapping, "GET", "/api/v1/late/1")).isEqualTo("resource");
        mapping.unregisterMapping(late);
        assertThat(chosen(mapping, "GET", "/api/v1/late/1")).isNull();
    }

    @Test
    @DisplayName("does not ask the request about the mappings of other resources")
    void asksLess() throws Exception {
        RequestMappingHandlerMapping spring = initialised(new RequestMappingHandlerMapping());
        int asked = methodQuestions(mapping, "/api/v1/products/42");
        int askedBySpring = methodQuestions(spring, "/api/v1/products/42");
        assertThat(askedBySpring).isGreaterThanOrEqualTo(RESOURCES.size());
        assertThat(asked).isLessThan(askedBySpring / 2);
    }

    private static int methodQuestions(RequestMappingHandlerMapping mapping, String path) throws Exception {
        AtomicInteger questions = new AtomicInteger();
        HttpServletRequest request = new HttpServletRequestWrapper(new MockHttpServletRequest("GET", path)) {
            @Override
            public String getMethod() {
                questions.incrementAndGet();
                return super.getMethod();
            }
        };
        assertThat(mapping.getHandler(request)).isNotNull();
        return questions.get();
    }

    private static String chosen(RequestMappingHandlerMapping mapping, String method, String path) throws Exception {
        HandlerExecutionChain chain = mapping.getHandler(new MockHttpServletRequest(method, path));
        return chain == null
                ? null
                : ((HandlerMethod) chain.getHandler()).getMethod().getName();
    }

    private static RequestMappingHandlerMapping initialised(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("products", Products.class);
        context.registerSingleton("others", Others.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        Method resource = ReflectionUtils.findMethod(Others.class, "resource", String.class);
        for (String name : RESOURCES) {
            mapping.registerMapping(
                    RequestMappingInfo.paths("/api/v1/" + name + "/{id}")
                            .methods(RequestMethod.GET)
                            .options(mapping.getBuilderConfiguration())
                            .build(),
                    context.getBean(Others.class),
                    resource);
        }
        return mapping;
    }

    private static final List<String> RESOURCES =
            List.of("contacts", "invoices", "payments", "media", "tasks", "segments", "leads", "webhooks");

    @RestController
    @RequestMapping("/api/v1/products")
    static class Products {
        @GetMapping("/{id}")
        String product(@PathVariable String id) {
            return id;
        }

        @GetMapping("/search")
        String search() {
            return "";
        }

        @PatchMapping("/{id}")
        String update(@PathVariable String id) {
            return id;
        }

        @GetMapping("/{id}/variants/{variant}")
        String variant(@PathVariable String id, @PathVariable String variant) {
            return variant;
        }
    }

    @RestController
    static class Others {
        @GetMapping(path = "/api/v1/orders/{id}", produces = "application/json")
        String order(@PathVariable String id) {
            return id;
        }

        /** Registered at run time for each of {@link #RESOURCES}: many mappings of other resources. */
        String resource(@PathVariable String id) {
            return id;
        }

        @GetMapping("/api/v1/{kind}/{id}/history")
        String history(@PathVariable String kind, @PathVariable String id) {
            return id;
        }

        @GetMapping("/health")
        String health() {
            return "";
        }
    }
}

package dev.tenantcore.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.lang.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping, skipping at once the mappings whose leading literal path segments
 * differ from the request's.
 *
 * <p>A path with a variable ({@code /api/v1/products/{id}}) is found by testing every mapping of the
 * API (about 250) in turn, and each test asks the request for its method, parameters, headers and
 * media types before it reaches the path — through every request wrapper the filters added. Spring
 * Security looks the handler up once more per request for its matchers, so two such scans were about
 * a fifth of a request's CPU (bench/profile.sh). Comparing the leading literal segments first
 * ({@code api}, {@code v1}, {@code products}) leaves the few mappings of that resource to Spring's
 * own test. It only ever declines a mapping whose path pattern could not match, so what is chosen,
 * and the 404/405/406/415 answers (computed by Spring over all mappings) stay what they were.
 */
final class LiteralSegmentHandlerMapping extends RequestMappingHandlerMapping {

    /** The decoded path segments of the lookup running on this thread, or null to test every mapping. */
    private static final ThreadLocal<List<String>> LOOKUP_SEGMENTS = new ThreadLocal<>();

    /** Per mapping, per path pattern: its segments before the first variable or wildcard. */
    private final Map<RequestMappingInfo, List<List<String>>> literalHeads = new ConcurrentHashMap<>();

    @Override
    @Nullable
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        List<String> outer = LOOKUP_SEGMENTS.get();
        LOOKUP_SEGMENTS.set(segmentsOf(request));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_SEGMENTS.set(outer);
        }
    }

    @Override
    @Nullable
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        List<String> segments = LOOKUP_SEGMENTS.get();
        if (segments != null
                && !mayMatch(literalHeads.computeIfAbsent(info, LiteralSegmentHandlerMapping::headsOf), segments)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean mayMatch(List<List<String>> heads, List<String> segments) {
        if (heads.isEmpty()) {
            return true;
        }
        for (List<String> head : heads) {
            if (head.size() <= segments.size() && head.equals(segments.subList(0, head.size()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each pattern's literal leading segments; no entry at all (test the mapping) when a pattern has
     * none or has a shape this comparison does not model, such as an empty segment.
     */
    private static List<List<String>> headsOf(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return List.of();
        }
        List<List<String>> heads = new ArrayList<>();
        for (PathPattern pattern : condition.getPatterns()) {
            String text = pattern.getPatternString();
            if (!text.startsWith("/")) {
                return List.of();
            }
            List<String> head = new ArrayList<>();
            for (String segment : text.substring(1).split("/", -1)) {
                if (segment.isEmpty()) {
                    return List.of();
                }
                if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                    break;
                }
                head.add(segment);
            }
            if (head.isEmpty()) {
                return List.of();
            }
            heads.add(List.copyOf(head));
        }
        return List.copyOf(heads);
    }

    /** The request's path segments as path patterns compare them (decoded), or null when unusual. */
    @Nullable
    private static List<String> segmentsOf(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return null;
        }
        RequestPath path = ServletRequestPathUtils.getParsedRequestPath(request);
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                if (segment.valueToMatch().isEmpty()) {
                    return null;
                }
                segments.add(segment.valueToMatch());
            }
        }
        return segments;
    }
}

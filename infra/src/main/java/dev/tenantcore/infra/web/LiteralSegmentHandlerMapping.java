package dev.tenantcore.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.lang.Nullable;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping, testing only the mappings whose leading literal path segments are
 * the request's.
 *
 * <p>A path with a variable ({@code /api/v1/products/{id}}) is found by testing every mapping of the
 * API (about 250) in turn; each test asks the request for its method, parameters, headers and media
 * types, through every request wrapper the filters added, before it reaches the path. Spring
 * Security looks the handler up once more per request for its matchers, so the two scans were about
 * a fifth of a request's CPU (bench/profile.sh). Here the mappings are indexed by the literal
 * segments their patterns start with ({@code api}, {@code v1}, {@code products}), and a lookup
 * tests those along the request's path with Spring's own conditions and ordering. Whatever this
 * index does not decide the usual way goes to Spring's full lookup: a path some mapping names
 * literally, a CORS preflight, no match (the 404/405/406/415 answers), a tie. A mapping outside the
 * candidates has a pattern that cannot match the path, so the choice is the one Spring makes.
 */
final class LiteralSegmentHandlerMapping extends RequestMappingHandlerMapping {

    private record Candidate(RequestMappingInfo info, HandlerMethod handler) {}

    /** Mappings by their patterns' leading literal segments; a node holds those whose head ends there. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Candidate> here = new ArrayList<>();
    }

    private volatile Node root;
    private volatile Set<String> directPaths = Set.of();

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        index(handlerMethods);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index(getHandlerMethods());
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index(getHandlerMethods());
    }

    @Override
    @Nullable
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Node index = root;
        List<String> segments = index == null ? null : segmentsOf(request);
        if (segments == null || directPaths.contains(lookupPath) || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        List<Candidate> matches = new ArrayList<>();
        collect(index, matches, request);
        for (int depth = 0; depth < segments.size() && index != null; depth++) {
            index = index.children.get(segments.get(depth));
            if (index != null) {
                collect(index, matches, request);
            }
        }
        if (matches.isEmpty()) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Candidate best = matches.get(0);
        if (matches.size() > 1) {
            var order = getMappingComparator(request);
            matches.sort((a, b) -> order.compare(a.info(), b.info()));
            best = matches.get(0);
            if (order.compare(best.info(), matches.get(1).info()) == 0) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
        handleMatch(best.info(), lookupPath, request);
        return best.handler();
    }

    private void collect(Node node, List<Candidate> matches, HttpServletRequest request) {
        for (Candidate candidate : node.here) {
            RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
            if (match != null) {
                matches.add(new Candidate(match, candidate.handler()));
            }
        }
    }

    private void index(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        Node index = new Node();
        Set<String> direct = new HashSet<>();
        handlerMethods.forEach((info, handler) -> {
            direct.addAll(info.getDirectPaths());
            Set<List<String>> heads = new HashSet<>(headsOf(info));
            for (List<String> head : heads) {
                Node node = index;
                for (String segment : head) {
                    node = node.children.computeIfAbsent(segment, s -> new Node());
                }
                node.here.add(new Candidate(info, handler));
            }
        });
        directPaths = Set.copyOf(direct);
        root = index;
    }

    /**
     * Each pattern's literal leading segments; one empty head (a candidate for every path) when a
     * pattern has none or a shape this index does not model, such as an empty segment.
     */
    private static List<List<String>> headsOf(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> heads = new ArrayList<>();
        for (PathPattern pattern : condition.getPatterns()) {
            String text = pattern.getPatternString();
            if (!text.startsWith("/")) {
                return List.of(List.of());
            }
            List<String> head = new ArrayList<>();
            for (String segment : text.substring(1).split("/", -1)) {
                if (segment.isEmpty()) {
                    return List.of(List.of());
                }
                if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                    break;
                }
                head.add(segment);
            }
            heads.add(List.copyOf(head));
        }
        return heads;
    }

    /** The request's path segments as path patterns compare them (decoded), or null when unusual. */
    @Nullable
    private static List<String> segmentsOf(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : ServletRequestPathUtils.getParsedRequestPath(request)
                .pathWithinApplication()
                .elements()) {
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

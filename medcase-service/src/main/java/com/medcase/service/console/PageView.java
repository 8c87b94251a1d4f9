package com.medcase.service.console;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Map;

/**
 * One page of a listing with what the pager needs: numbers are 0-based, links keep the page's other
 * parameters (filters, sort) so paging never loses them.
 */
public record PageView<T>(List<T> items, int number, int size, long total, String path, Map<String, String> parameters) {

    public static final int DEFAULT_SIZE = 20;

    public static <T> PageView<T> of(List<T> all, int number, int size, String path, Map<String, String> parameters) {
        int clamped = Math.clamp(size, 5, 200);
        int last = Math.max(0, (all.size() - 1) / clamped);
        int page = Math.clamp(number, 0, last);
        int from = Math.min(all.size(), page * clamped);
        return new PageView<>(all.subList(from, Math.min(all.size(), from + clamped)), page, clamped, all.size(), path, parameters);
    }

    public int pages() {
        return total == 0 ? 1 : (int) ((total - 1) / size + 1);
    }

    public boolean hasPrevious() {
        return number > 0;
    }

    public boolean hasNext() {
        return number + 1 < pages();
    }

    /** 1-based numbers of the first and last item shown. */
    public long firstShown() {
        return total == 0 ? 0 : (long) number * size + 1;
    }

    public long lastShown() {
        return Math.min(total, (long) (number + 1) * size);
    }

    public String href(int page) {
        return link(Map.of("page", Integer.toString(page)));
    }

    /** The same page with some parameters changed (e.g. the sort), back on its first page unless one says which. */
    public String link(Map<String, String> changed) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        parameters.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !changed.containsKey(k) && !k.equals("page")) {
                uri.queryParam(k, v);
            }
        });
        changed.forEach(uri::queryParam);
        return uri.encode().build().toUriString();
    }

    /** The same listing with one parameter changed (a facet value picked), back on its first page. */
    public String with(String key, String value) {
        return link(Map.of(key, value));
    }

    public String with(String key, String value, String key2, String value2) {
        return link(Map.of(key, value, key2, value2));
    }

    public String sortLink(String sort) {
        return link(Map.of("sort", sort));
    }
}

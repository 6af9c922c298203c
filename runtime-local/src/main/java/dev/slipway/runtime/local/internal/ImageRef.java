package dev.slipway.runtime.local.internal;

/**
 * An image reference split the way Docker splits it: {@code [registry/]repository[:tag][@digest]}. The
 * registry is the first path part when it has a dot, a colon or is {@code localhost}.
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    public static ImageRef parse(String reference) {
        String rest = reference.strip();
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = "";
        int first = rest.indexOf('/');
        if (first > 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                rest = rest.substring(first + 1);
            }
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /** {@code registry/repository} (no tag): what {@code docker push} and {@code pull} take as the name. */
    public String name() {
        return registry.isEmpty() ? repository : registry + "/" + repository;
    }

    /** The registry to authenticate with: Docker Hub when none is named. */
    public String registryOrDockerHub() {
        return registry.isEmpty() ? "docker.io" : registry;
    }

    @Override
    public String toString() {
        return name() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}

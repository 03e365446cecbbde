package io.koor.gitops.model.apps;

import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import java.util.Objects;

/**
 * The project's static site served from a bucket: a Job uploads it to the bucket of an ObjectBucketClaim,
 * a caching nginx (each replica with its cache on a block volume) fronts the gateway, and an Ingress
 * publishes it at a host name with a certificate cert-manager requests from an ACME issuer.
 *
 * @param name         names the server, its Service, Ingress and Job
 * @param namespace    the claim's namespace, where its Secret with the bucket's keys can be read
 * @param bucketClaim  the ObjectBucketClaim whose bucket holds the site
 * @param host         the public host name
 * @param ingressClass the IngressClass that publishes it
 * @param issuer       the ACME issuer of its certificate
 * @param storageClass a block StorageClass of the cluster for the cache volumes
 * @param cacheSizeGi  each replica's cache volume, GiB
 * @param replicas     caching servers, spread one per node
 */
public record StaticSiteCdn(DnsLabel name, DnsLabel namespace, DnsLabel bucketClaim, String host, DnsLabel ingressClass,
                            AcmeIssuer issuer, DnsLabel storageClass, int cacheSizeGi, int replicas, ImageRef serverImage,
                            ImageRef uploadImage) {

    public StaticSiteCdn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(serverImage, "serverImage");
        Objects.requireNonNull(uploadImage, "uploadImage");
        Problems problems = new Problems();
        problems.require(HostName.isValid(host), "host",
                "host='" + host + "' is not a host name such as www.demo.example.com");
        problems.require(cacheSizeGi >= 1 && cacheSizeGi <= 1024, "cacheSize",
                "cacheSize=" + cacheSizeGi + " GiB: give 1 to 1024 GiB per replica");
        problems.require(replicas >= 1 && replicas <= 10, "replicas", "replicas=" + replicas + ": give 1 to 10");
        problems.throwIfAny();
    }

    /**
     * The site from the bucket of claim {@code bucketClaim} in {@code namespace}, at {@code host}: 2 replicas
     * with 2 GiB of cache each on {@code storageClass}, a Let's Encrypt staging certificate (switch to
     * production once the HTTP-01 challenge works), published through Traefik's class.
     */
    public static StaticSiteCdn fromBucket(String namespace, String bucketClaim, String host, String storageClass) {
        DnsLabel claim = Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim));
        return new StaticSiteCdn(claim, Problems.at("namespace", () -> DnsLabel.of(namespace)), claim, host,
                DnsLabel.of("traefik"), AcmeIssuer.LETS_ENCRYPT_STAGING,
                Problems.at("storageClass", () -> DnsLabel.of(storageClass)), 2, 2,
                AppImage.parse(Versions.CDN_SERVER_IMAGE), AppImage.parse(Versions.CDN_UPLOAD_IMAGE));
    }

    public StaticSiteCdn certificateFrom(AcmeIssuer acme) {
        return new StaticSiteCdn(name, namespace, bucketClaim, host, ingressClass, acme, storageClass, cacheSizeGi,
                replicas, serverImage, uploadImage);
    }

    public StaticSiteCdn ingressClass(String className) {
        return new StaticSiteCdn(name, namespace, bucketClaim, host, Problems.at("ingressClass", () -> DnsLabel.of(className)),
                issuer, storageClass, cacheSizeGi, replicas, serverImage, uploadImage);
    }

    /** Each replica's cache volume in GiB. */
    public StaticSiteCdn cacheSize(int gi) {
        return new StaticSiteCdn(name, namespace, bucketClaim, host, ingressClass, issuer, storageClass, gi, replicas,
                serverImage, uploadImage);
    }

    public StaticSiteCdn replicas(int count) {
        return new StaticSiteCdn(name, namespace, bucketClaim, host, ingressClass, issuer, storageClass, cacheSizeGi,
                count, serverImage, uploadImage);
    }

    /** Other images: an nginx that runs as a non-root user on port 8080, and an AWS CLI v2 image with /bin/sh. */
    public StaticSiteCdn images(String server, String upload) {
        return new StaticSiteCdn(name, namespace, bucketClaim, host, ingressClass, issuer, storageClass, cacheSizeGi,
                replicas, Problems.at("serverImage", () -> AppImage.parse(server)),
                Problems.at("uploadImage", () -> AppImage.parse(upload)));
    }
}

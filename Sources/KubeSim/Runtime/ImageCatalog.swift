// ImageCatalog: the simulated registry — which images exist, how big they are, their digests and
// which simulated program each one runs. The table is documented in Runtime/Images.md.

/// A parsed image reference, normalised the way containerd names images.
public struct ImageName: Sendable, Hashable {
  /// `docker.io`, `registry.k8s.io`, `k8s.gcr.io` …
  public var registry: String
  /// `library/nginx`, `vish/stress`, `coredns/coredns` …
  public var repository: String
  /// `latest` when neither tag nor digest is given; "" with only a digest.
  public var tag: String
  public var digest: String

  /// Parses `nginx`, `nginx:1.14.2`, `k8s.gcr.io/busybox`, `nginx@sha256:…`.
  public init(_ text: String) {
    var rest = text
    digest = ""
    if let at = rest.firstIndex(of: "@") {
      digest = String(rest[rest.index(after: at)...])
      rest = String(rest[..<at])
    }
    var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if parts.count > 1, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
      registry = parts.removeFirst()
    } else {
      registry = "docker.io"
    }
    var last = parts.removeLast()
    tag = ""
    if let colon = last.lastIndex(of: ":") {
      tag = String(last[last.index(after: colon)...])
      last = String(last[..<colon])
    } else if digest.isEmpty {
      tag = "latest"
    }
    parts.append(last)
    if registry == "docker.io" && parts.count == 1 { parts.insert("library", at: 0) }
    repository = parts.joined(separator: "/")
  }

  /// `docker.io/library/nginx`
  public var fullRepository: String { "\(registry)/\(repository)" }
  /// `docker.io/library/nginx:1.14.2` (or `…@sha256:…` for a digest reference).
  public var normalized: String {
    if !tag.isEmpty { return "\(fullRepository):\(tag)" }
    return "\(fullRepository)@\(digest)"
  }
  /// The last path element: `nginx`, `stress`, `busybox`.
  public var shortName: String { String(repository.split(separator: "/").last ?? "") }
  /// An official Docker Hub image (`docker.io/library/…`).
  public var isOfficial: Bool { registry == "docker.io" && repository.hasPrefix("library/") }
}

/// What kind of program an image's entrypoint is.
public enum ImageKind: String, Sendable {
  /// nginx: HTTP on port 80, the welcome page, nginx's access log.
  case nginx
  /// Apache httpd: "It works!" on port 80.
  case httpd
  /// The guestbook frontend (`gb-frontend`): a PHP page on port 80.
  case guestbook
  /// A shell userland (busybox, alpine, debian, ubuntu …): runs its command.
  case shell
  /// `vish/stress`, `polinux/stress`: burn the CPU and memory their arguments ask for.
  case stress
  /// perl: the Job example's `bpi(2000)`.
  case perl
  /// `k8s.gcr.io/liveness`: `/healthz` 200 for 10 s, then 500.
  case liveness
  /// The pause container of every sandbox.
  case pause
  /// CoreDNS: DNS on 53, `/health` on 8080, `/ready` on 8181, metrics on 9153.
  case coredns
  /// kube-proxy.
  case kubeProxy
  /// kube-apiserver, etcd, kube-controller-manager, kube-scheduler.
  case controlPlane
  /// An image whose name contains `crash` (or `kubelab/crash`): exits 1 after a second.
  case crash
  /// Anything else: a server on its declared ports that never exits.
  case generic
}

/// One image of the simulated registry.
public struct ImageInfo: Sendable, Hashable {
  public var name: ImageName
  public var kind: ImageKind
  /// Compressed size, as containerd reports it (`Image size: … bytes`).
  public var size: Int64
  /// `sha256:<64 hex>` of the manifest (the repo digest).
  public var manifestDigest: String
  /// `sha256:<64 hex>` of the config (the image id).
  public var configDigest: String
  /// The image's ENTRYPOINT and CMD.
  public var entrypoint: [String]
  public var cmd: [String]
  /// ENV of the image config (after PATH, which every image sets).
  public var env: [(String, String)]

  public static func == (a: ImageInfo, b: ImageInfo) -> Bool { a.name == b.name }
  public func hash(into h: inout Hasher) { h.combine(name) }

  /// `docker.io/library/nginx@sha256:…`: the status' `imageID`.
  public var repoDigest: String { "\(name.fullRepository)@\(manifestDigest)" }
}

/// The registry every node pulls from: a fixed, documented table plus rules for any other name.
public enum ImageCatalog {
  /// Tag words that mean "this tag does not exist" in lessons (`nginx:nonexistent`).
  static let missingTagWords = [
    "nonexistent", "non-existent", "doesnotexist", "does-not-exist", "notexist", "not-exist", "nope", "missing",
    "invalid", "bogus", "typo", "wrong", "fake", "broken-tag",
  ]
  /// Version-looking tags that do not exist: the typo the Deployment documentation makes to show a
  /// stuck rollout (`nginx:1.161` for `nginx:1.16.1`).
  static let missingImages: Set<String> = ["docker.io/library/nginx:1.161"]
  /// Non-version tags official images publish.
  static let knownTagWords = [
    "latest", "stable", "mainline", "alpine", "slim", "perl", "otel", "bookworm", "bullseye", "buster", "jammy",
    "noble", "focal", "musl", "glibc", "uclibc", "edge", "threaded",
  ]

  /// The pause image kubeadm v1.32 configures.
  public static let pauseImage = "registry.k8s.io/pause:3.10"

  /// Sizes (bytes) and kinds of the images the documentation's examples use.
  static let table: [String: (kind: ImageKind, size: Int64)] = [
    "docker.io/library/nginx:1.14.2": (.nginx, 44_412_346),
    "docker.io/library/nginx:1.16.1": (.nginx, 51_030_575),
    "docker.io/library/nginx:1.25": (.nginx, 70_522_148),
    "docker.io/library/nginx:latest": (.nginx, 72_099_501),
    "docker.io/library/nginx:alpine": (.nginx, 20_506_631),
    "docker.io/library/httpd:latest": (.httpd, 58_095_174),
    "docker.io/library/busybox:latest": (.shell, 2_166_802),
    "docker.io/library/busybox:1.28": (.shell, 727_869),
    "docker.io/library/busybox:1.36": (.shell, 2_155_294),
    "k8s.gcr.io/busybox:latest": (.shell, 1_144_547),
    "registry.k8s.io/busybox:latest": (.shell, 1_144_547),
    "docker.io/library/alpine:latest": (.shell, 3_653_068),
    "docker.io/library/debian:latest": (.shell, 48_494_272),
    "docker.io/library/ubuntu:latest": (.shell, 29_754_422),
    "docker.io/library/perl:latest": (.perl, 334_213_587),
    "docker.io/library/perl:5.34.0": (.perl, 336_374_115),
    "docker.io/vish/stress:latest": (.stress, 2_989_146),
    "docker.io/polinux/stress:latest": (.stress, 4_041_495),
    "k8s.gcr.io/liveness:latest": (.liveness, 2_321_148),
    "registry.k8s.io/liveness:latest": (.liveness, 2_321_148),
    "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5": (.guestbook, 138_724_110),
    "registry.k8s.io/pause:3.10": (.pause, 320_368),
    "registry.k8s.io/coredns/coredns:v1.11.3": (.coredns, 18_562_039),
    "registry.k8s.io/kube-proxy:v1.32.0": (.kubeProxy, 30_908_185),
    "registry.k8s.io/kube-apiserver:v1.32.0": (.controlPlane, 28_670_731),
    "registry.k8s.io/kube-controller-manager:v1.32.0": (.controlPlane, 26_258_470),
    "registry.k8s.io/kube-scheduler:v1.32.0": (.controlPlane, 20_657_536),
    "registry.k8s.io/etcd:3.5.16-0": (.controlPlane, 57_680_541),
    "k8s.gcr.io/fluentd-elasticsearch:1.20": (.generic, 52_341_785),
    "docker.io/kubelab/crash:latest": (.crash, 2_166_802),
  ]

  /// Real digests for the best-known images; others get a digest derived from their name.
  static let knownDigests: [String: String] = [
    "docker.io/library/nginx:1.14.2": "sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d"
  ]

  /// The kind of program an image runs, by its name.
  static func kind(of name: ImageName) -> ImageKind {
    if let known = table[name.normalized] { return known.kind }
    let short = name.shortName
    let repo = name.repository
    if repo.contains("crash") { return .crash }
    switch short {
    case "nginx", "nginx-unprivileged", "nginx-slim": return .nginx
    case "httpd", "apache": return .httpd
    case "gb-frontend", "guestbook": return .guestbook
    case "busybox", "alpine", "debian", "ubuntu", "centos", "fedora", "rockylinux", "almalinux", "archlinux",
      "amazonlinux", "bash", "curl", "netshoot", "dnsutils", "toolbox", "python", "node", "golang", "ruby",
      "jessie-dnsutils", "agnhost", "curlimages":
      return .shell
    case "stress", "stress-ng": return .stress
    case "perl": return .perl
    case "liveness": return .liveness
    case "pause": return .pause
    case "coredns": return .coredns
    case "kube-proxy": return .kubeProxy
    case "kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd": return .controlPlane
    default: return .generic
    }
  }

  /// Whether the registry has this image. `missing` are images marked missing by the learner's lesson.
  static func exists(_ name: ImageName, missing: Set<String>) -> Bool {
    if missing.contains(name.normalized) || missing.contains(name.fullRepository) { return false }
    if !name.digest.isEmpty && name.tag.isEmpty { return true }
    let tag = name.tag.lowercased()
    if missingTagWords.contains(where: { tag.contains($0) }) || missingImages.contains(name.normalized) {
      return false
    }
    if table[name.normalized] != nil { return true }
    if name.isOfficial {
      // Official images publish version tags (`1.14.2`, `3.19`, `5.34.0-slim`) and a few words.
      let first = tag.split(separator: "-").first.map(String.init) ?? tag
      let isVersion = !first.isEmpty && first.allSatisfy { $0.isNumber || $0 == "." } && first.first!.isNumber
      return isVersion || knownTagWords.contains { tag == $0 || tag.hasPrefix($0 + "-") || tag.hasSuffix("-" + $0) }
    }
    return true
  }

  /// Everything known about an image that exists.
  static func info(_ name: ImageName) -> ImageInfo {
    let kind = kind(of: name)
    let size = table[name.normalized]?.size ?? defaultSize(name, kind)
    let manifest = knownDigests[name.normalized] ?? "sha256:" + DigestHash.hex64(name.normalized + "#manifest")
    let config = "sha256:" + DigestHash.hex64(name.normalized + "#config")
    let (entrypoint, cmd, env) = defaults(kind, name)
    return ImageInfo(
      name: name, kind: kind, size: size, manifestDigest: manifest, configDigest: config, entrypoint: entrypoint,
      cmd: cmd, env: env)
  }

  private static func defaultSize(_ name: ImageName, _ kind: ImageKind) -> Int64 {
    // Same repository, another tag: about the size of the tagged one we know.
    let base: Int64
    switch kind {
    case .nginx: base = 70_000_000
    case .httpd: base = 58_000_000
    case .guestbook: base = 138_000_000
    case .shell:
      switch name.shortName {
      case "busybox": base = 2_160_000
      case "alpine": base = 3_650_000
      case "ubuntu": base = 29_750_000
      default: base = 48_500_000
      }
    case .stress: base = 3_000_000
    case .perl: base = 334_000_000
    case .liveness: base = 2_320_000
    case .pause: base = 320_368
    case .coredns: base = 18_500_000
    case .kubeProxy: base = 30_900_000
    case .controlPlane: base = 27_000_000
    case .crash: base = 2_166_802
    case .generic: base = 50_000_000
    }
    // A deterministic spread of ±10% so different images differ.
    let spread = Int64(DigestHash.fnv(name.normalized) % 200) - 100
    return base + base * spread / 1000
  }

  /// ENTRYPOINT, CMD and ENV as the upstream images define them.
  private static func defaults(_ kind: ImageKind, _ name: ImageName) -> ([String], [String], [(String, String)]) {
    switch kind {
    case .nginx:
      let version = name.tag.first?.isNumber == true ? name.tag : "1.27.3"
      return (["/docker-entrypoint.sh"], ["nginx", "-g", "daemon off;"], [("NGINX_VERSION", version)])
    case .httpd: return ([], ["httpd-foreground"], [("HTTPD_PREFIX", "/usr/local/apache2")])
    case .guestbook: return ([], ["apache2-foreground"], [])
    case .shell:
      switch name.shortName {
      case "ubuntu", "debian", "centos", "fedora": return ([], ["bash"], [])
      default: return ([], ["sh"], [])
      }
    case .stress:
      return name.repository == "vish/stress" ? (["/stress", "-logtostderr"], [], []) : ([], ["stress"], [])
    case .perl: return ([], ["perl5.40.0", "-de0"], [])
    case .liveness: return ([], ["/server"], [])
    case .pause: return (["/pause"], [], [])
    case .coredns: return (["/coredns"], [], [])
    case .kubeProxy: return ([], ["kube-proxy"], [])
    case .controlPlane: return ([], [name.shortName], [])
    case .crash: return ([], ["/crash"], [])
    case .generic: return ([], [], [])
    }
  }
}

/// Deterministic hashes for simulated digests and ids (no randomness: the same name, the same digest).
enum DigestHash {
  static func fnv(_ s: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = seed
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01B3
    }
    return h
  }

  /// 64 hex characters derived from `s`.
  static func hex64(_ s: String) -> String {
    var out = ""
    var seed: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in 0..<4 {
      seed = fnv(s + "#\(i)", seed: seed)
      var v = seed
      // Mix (SplitMix64 finaliser) so nearby names give unrelated digests.
      v = (v ^ (v >> 30)) &* 0xBF58_476D_1CE4_E5B9
      v = (v ^ (v >> 27)) &* 0x94D0_49BB_1331_11EB
      v ^= v >> 31
      let h = String(v, radix: 16)
      out += String(repeating: "0", count: 16 - h.count) + h
    }
    return out
  }
}

// KubeletVolumeTests: configMap and secret volumes and environment on a real cluster — a missing
// object or key fails the mount (FailedMount, retried with back-off, the pod ContainerCreating)
// or the container's config (CreateContainerConfigError), and the pod starts once it appears.
import Testing

@testable import KubeSim

struct KubeletVolumeTests {
  /// A pod mounting `source` (a volume source in YAML, indented for `volumes:`) at /etc/config.
  static func pod(_ source: String) -> String {
    """
    apiVersion: v1
    kind: Pod
    metadata:
      name: app
    spec:
      containers:
      - name: app
        image: nginx:1.14.2
        volumeMounts:
        - name: config
          mountPath: /etc/config
      volumes:
      - name: config
    \(source)
    """
  }

  func create(_ h: KubeletHarness, _ obj: any KubeObject) {
    let r = h.cluster.kubectl.perform(
      APIRequest(.create, type(of: obj).resource, namespace: "default", body: .object(obj)))
    if case .failure(let e) = r { Issue.record("create failed: \(e)") }
  }

  static func configMap(_ data: [String: String]) -> ConfigMap {
    var cm = ConfigMap()
    cm.metadata.name = "app-config"
    cm.data = data
    return cm
  }

  static func secret(_ data: [String: String]) -> Secret {
    var s = Secret()
    s.metadata.name = "app-secret"
    s.data = data.mapValues { Base64.encode(Array($0.utf8)) }
    return s
  }

  static let configMapItems = """
        configMap:
          name: app-config
          items:
          - key: mode
            path: mode.conf
    """
  static let secretItems = """
        secret:
          secretName: app-secret
          items:
          - key: password
            path: password.txt
    """

  /// (volume source, is it a config map, SetUp's error while the object is missing, and without the key)
  static let cases: [(String, Bool, String, String)] = [
    (configMapItems, true, #"configmap "app-config" not found"#, "configmap references non-existent config key: mode"),
    (secretItems, false, #"secret "app-secret" not found"#, "references non-existent secret key: password"),
  ]

  @Test(arguments: cases)
  func missingObjectThenKeyFailTheMountUntilTheyExist(
    source: String, isConfigMap: Bool, notFound: String, noKey: String
  ) throws {
    let h = KubeletHarness()
    h.run(yaml: Self.pod(source))
    let first = try #require(h.until(limit: 30) { count(h, "app") { $0.reason == "FailedMount" } > 0 })
    let imageChecks = count(h, "app") { $0.reason == "Pulled" }
    h.ticks(30 - first)
    // The volume could not be set up: the container is being created, the pod Pending.
    let waiting = h.container("app")?.state.waiting
    #expect(waiting?.reason == "ContainerCreating")
    #expect(h.get("app")?.status.phase == "Pending")
    let events = h.events(for: "app")
    let mount = "FailedMount: MountVolume.SetUp failed for volume \"config\" : \(notFound)"
    #expect(events.contains(mount), "\(events)")
    // Simulation: the first attempt comes after the image (upstream: before the sandbox); after it
    // the kubelet retries the mount alone, without checking the image again.
    #expect(imageChecks > 0)
    #expect(count(h, "app") { $0.reason == "Pulled" } == imageChecks, "\(events)")
    #expect(!h.messages.contains { $0.verb == "CreateContainer" && $0.object.contains("app") })
    // Retried with back-off: about 0.5, 1, 2, 4, 8 and 16 s apart in the first 30 s, not every second.
    let failures = count(h, "app") { $0.reason == "FailedMount" }
    #expect((4...7).contains(failures), "\(failures) failures")

    // The object appears without the key: the mount now fails on the key.
    if isConfigMap {
      create(h, Self.configMap(["other": "x"]))
    } else {
      create(h, Self.secret(["other": "x"]))
    }
    try #require(
      h.until(limit: 130) {
        h.events(for: "app").contains("FailedMount: MountVolume.SetUp failed for volume \"config\" : \(noKey)")
      }
        != nil)
    #expect(h.container("app")?.state.waiting?.reason == "ContainerCreating")

    // With the key the next retry (at most 2 m 2 s later) sets the volume up and the pod starts.
    _ = h.cluster.kubectl.perform(
      APIRequest(
        .delete, (isConfigMap ? ConfigMap.resource : Secret.resource), namespace: "default",
        name: isConfigMap ? "app-config" : "app-secret"))
    if isConfigMap {
      create(h, Self.configMap(["mode": "debug"]))
    } else {
      create(h, Self.secret(["password": "s3cret"]))
    }
    try #require(h.until(limit: 200) { h.get("app")?.isReady == true } != nil)
    let path = isConfigMap ? "/etc/config/mode.conf" : "/etc/config/password.txt"
    #expect((try? h.exec("app", ["cat", path]).get()) == (isConfigMap ? "debug" : "s3cret"))
  }

  @Test func optionalVolumeMountsWhatExists() throws {
    let h = KubeletHarness()
    h.run(
      yaml: Self.pod(
        """
            configMap:
              name: app-config
              optional: true
              items:
              - key: mode
                path: mode.conf
              - key: level
                path: level.conf
        """))
    create(h, Self.configMap(["level": "3"]))
    try #require(h.until(limit: 60) { h.get("app")?.isReady == true } != nil)
    #expect(!h.events(for: "app").contains { $0.hasPrefix("FailedMount") })
    #expect((try? h.exec("app", ["cat", "/etc/config/level.conf"]).get()) == "3")
    #expect((try? h.exec("app", ["cat", "/etc/config/mode.conf"]).get()) == nil)
  }

  @Test func optionalVolumeOfAMissingConfigMapIsEmpty() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.pod("    configMap:\n      name: app-config\n      optional: true"))
    try #require(h.until(limit: 60) { h.get("app")?.isReady == true } != nil)
    #expect(!h.events(for: "app").contains { $0.hasPrefix("FailedMount") })
  }

  /// Environment from a missing config map or key: the image is pulled, then the container's config
  /// fails (CreateContainerConfigError) on every attempt — one Failed event per attempt.
  @Test func envFromAMissingConfigMapKeyIsCreateContainerConfigError() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: env
        spec:
          containers:
          - name: app
            image: nginx:1.14.2
            env:
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: app-config
                  key: mode
        """)
    h.ticks(30)
    var waiting = h.container("env")?.state.waiting
    #expect(waiting?.reason == "CreateContainerConfigError")
    #expect(waiting?.message == #"configmap "app-config" not found"#)
    let events = h.events(for: "env")
    #expect(events.contains(#"Failed: Error: configmap "app-config" not found"#), "\(events)")
    create(h, Self.configMap(["other": "x"]))
    try #require(
      h.until(limit: 30) {
        h.container("env")?.state.waiting?.message == "couldn't find key mode in ConfigMap default/app-config"
      }
        != nil)
    waiting = h.container("env")?.state.waiting
    #expect(waiting?.reason == "CreateContainerConfigError")
    #expect(!events.contains { $0.hasPrefix("FailedMount") })
  }

  /// A container whose config cannot be made is retried on the pod worker's back-off (10 s): one
  /// attempt per retry — one image check and one Failed event each, as upstream's Events count them —
  /// and the config map, once created, is seen at the next retry.
  @Test func aCreateContainerConfigErrorIsRetriedOnceEveryTenSeconds() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: env
        spec:
          containers:
          - name: app
            image: nginx:1.14.2
            envFrom:
            - configMapRef:
                name: app-config
        """)
    try #require(
      h.until(limit: 30) { h.container("env")?.state.waiting?.reason == "CreateContainerConfigError" } != nil)
    h.ticks(60)
    let events = h.eventObjects(for: "env")
    let failed = try #require(events.first { $0.reason == "Failed" })
    let present = try #require(events.first { $0.message.hasSuffix("already present on machine") })
    // 60 s at one attempt per 10 s, each checking the image once.
    #expect((6...7).contains(failed.count ?? 1), "Failed x\(failed.count ?? 1)")
    #expect(present.count == failed.count)
    create(h, Self.configMap(["MODE": "x"]))
    let took = try #require(h.until(limit: 15) { h.container("env")?.state.running != nil })
    #expect(took <= 12, "the next retry saw the config map (\(took) ticks)")
  }

  @Test func mountBackoffDoublesFromHalfASecondToTwoMinutesTwoSeconds() {
    var b = MountBackoff()
    var retries: [Int64] = []
    var now: Int64 = 0
    for _ in 0..<11 {
      b.failed(atMs: now)
      retries.append(b.durationMs)
      now = b.retryAtMs
    }
    #expect(retries == [500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 122_000, 122_000, 122_000])
  }

  // MARK: - Helpers

  func allEvents(_ h: KubeletHarness) -> [Event] {
    guard
      case .success(.list(let l)) = h.cluster.kubectl.perform(APIRequest(.list, Event.resource, namespace: "default"))
    else { return [] }
    return l.items.compactMap { $0 as? Event }
  }

  /// How many times events of `pod` matching `filter` happened (counting aggregated repeats).
  func count(_ h: KubeletHarness, _ pod: String, _ filter: (Event) -> Bool) -> Int {
    allEvents(h).filter { $0.involvedObject.name == pod && filter($0) }.map { Int($0.count ?? 1) }.reduce(0, +)
  }
}

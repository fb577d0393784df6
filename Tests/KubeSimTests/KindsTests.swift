// KindsTests: the kind registry and round-trips of the Kubernetes documentation's example manifests.

import Testing

@testable import KubeSim

/// The Kubernetes documentation's example manifests the repository ships (`examples/k8s.io`, a copy of
/// the course's `shared/k8s-examples`), so the tests need nothing outside the checkout.
func examplesDirectory() -> String? {
  var dir = "\(#filePath)"
  for _ in 0..<3 { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
  let candidate = dir + "/examples/k8s.io"
  return (try? readText(candidate + "/controllers/nginx-deployment.yaml")) != nil ? candidate : nil
}

func readText(_ path: String) throws -> String {
  guard let f = fopen(path, "r") else { throw CocoaLikeError.missing(path) }
  defer { fclose(f) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&buffer, 1, buffer.count, f)
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}

enum CocoaLikeError: Error { case missing(String) }

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes `json` as `type`, re-encodes and decodes again; returns the unknown fields of the first decode.
func roundTrip<T: KubeObject>(_ type: T.Type, _ json: JSON) throws -> [String] {
  let (object, unknown) = try T.decode(from: json)
  let encoded = object.json
  let (again, unknownAgain) = try T.decode(from: encoded)
  #expect(again == object)
  #expect(unknownAgain.isEmpty)
  #expect(encoded["apiVersion"] == .string(T.resource.apiVersion))
  #expect(encoded["kind"] == .string(T.resource.kind))
  return unknown
}

@Suite struct KindRegistryTests {
  @Test(arguments: [
    ("pods", "Pod"), ("pod", "Pod"), ("po", "Pod"), ("Pod", "Pod"), ("PODS", "Pod"), ("pods.", "Pod"),
    ("pods.v1.", "Pod"), ("no", "Node"), ("nodes", "Node"), ("ns", "Namespace"), ("deploy", "Deployment"),
    ("deployments.apps", "Deployment"), ("deployment.apps", "Deployment"), ("deployments.v1.apps", "Deployment"),
    ("deploy.apps", "Deployment"), ("rs", "ReplicaSet"), ("ds", "DaemonSet"), ("jobs", "Job"), ("job.batch", "Job"),
    ("svc", "Service"), ("ep", "Endpoints"), ("endpoints", "Endpoints"), ("endpointslices", "EndpointSlice"),
    ("endpointslices.discovery.k8s.io", "EndpointSlice"), ("leases", "Lease"), ("ev", "Event"), ("cm", "ConfigMap"),
    ("secrets", "Secret"), ("sa", "ServiceAccount"), ("roles", "Role"), ("rolebindings", "RoleBinding"),
    ("clusterroles.rbac.authorization.k8s.io", "ClusterRole"), ("clusterrolebinding", "ClusterRoleBinding"),
  ])
  func kubectlNamesResolve(name: String, kind: String) {
    #expect(KindRegistry.resolve(name)?.resource.kind == kind)
  }

  @Test(arguments: ["foo", "pods.apps", "deployments.v2.apps", "deployments.extensions", "binding", "status", ""])
  func unknownNamesDoNotResolve(name: String) {
    #expect(KindRegistry.resolve(name) == nil)
  }

  @Test func lookupByAPIVersionAndKind() {
    #expect(KindRegistry.kind(apiVersion: "apps/v1", kind: "Deployment") == Deployment.self)
    #expect(KindRegistry.kind(apiVersion: "v1", kind: "Deployment") == nil)
    #expect(KindRegistry.kind(apiVersion: "v1", kind: "Binding") == Binding.self)
    #expect(KindRegistry.kind(apiVersion: "v1", kind: "Status") == Status.self)
    #expect(KindRegistry.kind(apiVersion: "coordination.k8s.io/v1", kind: "Lease") == Lease.self)
    #expect(KindRegistry.kind(group: "", resource: "services") == Service.self)
  }

  @Test func storagePrefixesScopesAndCategories() {
    #expect(Node.resource.etcdPrefix == "minions")
    #expect(Service.resource.etcdPrefix == "services/specs")
    #expect(Endpoints.resource.etcdPrefix == "services/endpoints")
    #expect(Pod.resource.etcdPrefix == "pods")
    #expect(!Node.resource.namespaced && !Namespace.resource.namespaced && !ClusterRole.resource.namespaced)
    #expect(Pod.resource.namespaced && Lease.resource.namespaced)
    #expect(
      KindRegistry.kinds(inCategory: "all").map { $0.resource.plural } == [
        "pods", "services", "daemonsets", "deployments", "replicasets", "jobs",
      ])
    #expect(KindRegistry.supportedKinds.first == "ClusterRole")
    #expect(KindRegistry.supportedKinds == KindRegistry.supportedKinds.sorted())
    #expect(KindRegistry.storedKinds.count == 19)
  }
}

@Suite struct ExampleManifestTests {
  static let files = [
    "admin/namespace-dev.yaml", "application/deployment-scale.yaml", "application/deployment-update.yaml",
    "application/deployment.yaml", "controllers/daemonset.yaml", "controllers/frontend.yaml", "controllers/job.yaml",
    "controllers/nginx-deployment.yaml", "pods/commands.yaml", "pods/pod-nginx-specific-node.yaml",
    "pods/pod-nginx.yaml", "pods/pod-with-toleration.yaml", "pods/probe/exec-liveness.yaml",
    "pods/probe/http-liveness.yaml", "pods/qos/qos-pod.yaml", "pods/resource/cpu-request-limit.yaml",
    "pods/resource/memory-request-limit.yaml", "pods/simple-pod.yaml", "service/networking/nginx-svc.yaml",
    "service/networking/run-my-nginx.yaml", "service/nginx-service.yaml", "service/simple-service.yaml",
  ]

  static func document(_ file: String) throws -> JSON {
    let dir = try #require(examplesDirectory(), "examples/k8s.io not found")
    let docs = try YAMLReader.documents(try readText(dir + "/" + file))
    return try #require(docs.first).json
  }

  @Test(arguments: files)
  func decodesWithoutUnknownFieldsAndRoundTrips(file: String) throws {
    let json = try Self.document(file)
    let type = try #require(
      KindRegistry.kind(apiVersion: json["apiVersion"]?.stringValue ?? "", kind: json["kind"]?.stringValue ?? ""))
    let unknown = try roundTrip(type, json)
    #expect(unknown == [], "unknown fields in \(file)")
  }

  @Test func nodeAffinityWithAListForTheRequiredTermFailsToDecode() throws {
    let json = try Self.document("pods/pod-with-node-affinity.yaml")
    let error = #expect(throws: (any Error).self) { _ = try Pod.decode(from: json) }
    #expect("\(error!)".contains("requiredDuringSchedulingIgnoredDuringExecution"))
  }

  @Test func decodedFieldsLandWhereUpstreamPutsThem() throws {
    let (ds, _) = try DaemonSet.decode(from: try Self.document("controllers/daemonset.yaml"))
    let c = try #require(ds.spec.template.spec.containers.first)
    #expect(c.resources.limits["memory"] == Quantity("200Mi"))
    #expect(c.volumeMounts[1].readOnly == true)
    #expect(ds.spec.template.spec.volumes[0].hostPath?.path == "/var/log")
    #expect(ds.spec.template.spec.tolerations[0].effect == TaintEffect.noSchedule)
    let (svc, _) = try Service.decode(from: try Self.document("service/nginx-service.yaml"))
    #expect(svc.spec.ports[0].targetPort == .int(80))
    let (probe, _) = try Pod.decode(from: try Self.document("pods/probe/http-liveness.yaml"))
    #expect(probe.spec.containers[0].livenessProbe?.httpGet?.httpHeaders[0].name == "Custom-Header")
  }

  @Test func encodingFollowsGoOmitempty() throws {
    var podStatus = PodStatus()
    podStatus.containerStatuses = [ContainerStatus(name: "c")]
    let pod = Pod(
      metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]),
      status: podStatus)
    let json = pod.json
    // Non-pointer structs print as {} and non-omitempty scalars print when zero.
    #expect(json["spec"]?["containers"]?[0]?["resources"] == .emptyObject)
    #expect(json["status"]?["containerStatuses"]?[0]?["lastState"] == .emptyObject)
    #expect(json["status"]?["containerStatuses"]?[0]?["ready"] == false)
    #expect(json["status"]?["containerStatuses"]?[0]?["restartCount"] == 0)
    // Unset pointers and omitempty bools are left out.
    #expect(json["spec"]?["hostNetwork"] == nil)
    let node = Node(metadata: ObjectMeta(name: "n"))
    #expect(node.json["spec"]?["unschedulable"] == nil)
    var status2 = NodeStatus()
    status2.daemonEndpoints.kubeletEndpoint = DaemonEndpoint(port: 10250)
    let n2 = Node(metadata: ObjectMeta(name: "n"), status: status2)
    #expect(n2.json["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"] == 10250)
  }
}

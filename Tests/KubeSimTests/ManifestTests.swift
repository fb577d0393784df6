import Foundation
import Testing

@testable import KubeSim

/// Every manifest under examples/k8s.io/ (the docs' examples the repository ships) is decoded: simulated kinds accepted, the invalid
/// node-affinity example refused with a clear error naming the field.
struct ManifestTests {
  static let examples: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("examples/k8s.io")
  }()

  static var files: [String] {
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: examples.path) else { return [] }
    return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
  }

  @Test func theExamplesAreThere() {
    #expect(Self.files.count >= 20, "expected the docs examples at \(Self.examples.path)")
  }

  @Test(arguments: files)
  func decodes(_ file: String) throws {
    let text = try String(contentsOf: Self.examples.appendingPathComponent(file), encoding: .utf8)
    let results = try Manifest.decode(text, file: file)
    #expect(!results.isEmpty)
    for r in results {
      switch r {
      case .success(let m):
        #expect(file != "pods/pod-with-node-affinity.yaml")
        #expect(m.warnings.isEmpty, "\(file): \(m.warnings)")
        // What is decoded encodes back and decodes to the same object.
        func roundTrip<T: KubeObject>(_ o: T) throws -> Bool { try T.decode(from: o.json).object == o }
        #expect(try roundTrip(m.object))
      case .failure(let e):
        #expect(file == "pods/pod-with-node-affinity.yaml", "\(file): \(e)")
        #expect(e.line == 9 && e.column == 7, "\(e)")
        #expect(e.message.contains("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"))
        #expect(e.message.contains("expected an object"))
      }
    }
  }

  @Test func unsimulatedKindsAreRefusedWithTheListOfSimulatedOnes() throws {
    let results = try Manifest.decode(
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n", file: "web.yaml")
    guard case .failure(let e)? = results.first else {
      Issue.record("expected a failure")
      return
    }
    #expect(e.line == 2)
    #expect(e.message.contains(#"no matches for kind "StatefulSet" in version "apps/v1""#))
    #expect(e.message.contains("it simulates ClusterRole, ClusterRoleBinding, ConfigMap, DaemonSet, Deployment"))
  }

  @Test func unknownFieldsAreDroppedWithAWarning() throws {
    let text = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
        - name: c
          image: nginx
          colour: blue
        replicaz: 3
      """
    guard case .success(let m)? = try Manifest.decode(text, file: "p.yaml").first else {
      Issue.record("expected success")
      return
    }
    #expect(m.warnings == [#"unknown field "spec.containers[0].colour""#, #"unknown field "spec.replicaz""#])
  }

  @Test func syntaxErrorsNameLineAndColumn() {
    #expect(throws: ManifestError.self) { try Manifest.decode("a: [1, 2\nb: 3\n", file: "bad.yaml") }
    do {
      _ = try Manifest.decode("kind: Pod\n  bad: indentation\n", file: "bad.yaml")
    } catch {
      #expect(error.file == "bad.yaml")
      #expect(error.line == 2)
    }
  }

  @Test func missingKindIsReportedAsKubectlDoes() throws {
    guard case .failure(let e)? = try Manifest.decode("metadata:\n  name: x\n", file: "x.yaml").first else {
      Issue.record("expected a failure")
      return
    }
    #expect(e.message.hasPrefix("error validating data: [apiVersion not set, kind not set]"))
  }
}

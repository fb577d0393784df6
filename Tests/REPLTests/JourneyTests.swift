// Batch-mode journeys end to end: the built `kubelab` runs a script (Journeys/NAME.kubelab) with
// --echo and a fixed seed, and its whole output must equal Expected/NAME.txt. After a deliberate
// change, regenerate the files with `KUBELAB_UPDATE_EXPECTED=1 swift test --filter JourneyTests`
// and read the diff before committing it.
import Foundation
import KubelabTestSupport
import Testing

struct JourneyTests {
  struct Journey: Sendable, CustomStringConvertible {
    let name: String
    let exitStatus: Int32
    var description: String { name }
  }

  static let journeys = [
    // Apply the docs' Deployment, step through the first ticks, run until available, look around.
    Journey(name: "deployment", exitStatus: 0),
    // Stop node-2's kubelet: Unknown, tainted, pods evicted after 300 s and replaced on node-1.
    Journey(name: "node-failure", exitStatus: 0),
    // set image, rollout status while stepping, history, undo.
    Journey(name: "rolling-update", exitStatus: 0),
  ]

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  @Test(arguments: journeys)
  func outputIsTheExpectedOne(_ journey: Journey) throws {
    let script = try String(
      contentsOf: Self.folder.appendingPathComponent("Journeys/\(journey.name).kubelab"), encoding: .utf8)
    let r = try KubelabProcess.run(["--seed", "1", "--echo", "--no-record"], stdin: script)
    #expect(r.stderr == "")
    #expect(r.status == journey.exitStatus, "\(r.stderr)")
    let expectedURL = Self.folder.appendingPathComponent("Expected/\(journey.name).txt")
    if ProcessInfo.processInfo.environment["KUBELAB_UPDATE_EXPECTED"] == "1" {
      try r.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    if r.stdout != expected {
      let a = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
      Issue.record(
        """
        \(journey.name): output differs from Expected/\(journey.name).txt at line \(i + 1)
          actual:   \(i < a.count ? String(a[i]).debugDescription : "<missing>")
          expected: \(i < e.count ? String(e[i]).debugDescription : "<missing>")
        (KUBELAB_UPDATE_EXPECTED=1 regenerates the file)
        """)
    }
  }
}

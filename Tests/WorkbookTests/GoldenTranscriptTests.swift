// Golden transcripts: transcripts/NAME.json and .md are exactly what transcripts/NAME.kubelab produces
// on a fresh cluster. `KUBELAB_UPDATE_GOLDEN=1 swift test --filter Golden` rewrites them.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct GoldenTranscriptTests {
  static var scripts: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: TranscriptFiles.transcriptsDirectory)) ?? [])
      .filter { $0.hasSuffix(".kubelab") }.map { String($0.dropLast(".kubelab".count)) }.sorted()
  }

  @Test func thereIsAtLeastOneGoldenScript() {
    #expect(Self.scripts.contains("first-steps"))
  }

  @Test(arguments: scripts)
  func goldenTranscriptMatchesAFreshRun(name: String) throws {
    let dir = TranscriptFiles.transcriptsDirectory
    let script = try TranscriptFiles.read("\(dir)/\(name).kubelab")
    let fresh = try TranscriptSession.golden(name: name, script: script, file: "\(name).kubelab")
    let problems = GoldenTranscript.check(fresh, name: name, directory: dir)
    #expect(problems == [])
    let json = try JSON.parse(TranscriptFiles.read("\(dir)/\(name).json"))
    #expect(JSONSchemaSubset.validate(json, schema: try TranscriptFiles.schema) == [])
  }

  @Test func goldenRunsAreDeterministic() throws {
    let script = try TranscriptFiles.read(TranscriptFiles.transcriptsDirectory + "/first-steps.kubelab")
    let a = try TranscriptSession.golden(name: "x", script: script)
    let b = try TranscriptSession.golden(name: "x", script: script)
    #expect(a.jsonText == b.jsonText)
    #expect(a.header.seed == 7)
    #expect(a.header.title == "First steps: the control loop, one phase at a time")
    #expect(a.header.recordedAt == nil)
  }

  @Test func aStaleGoldenFileIsReportedAndCanBeRewritten() throws {
    let dir = try TranscriptFiles.temporaryDirectory()
    let fresh = TranscriptSession.golden(
      name: "g", commands: [TranscriptInput("status"), TranscriptInput("step")], cluster: ClusterOptions(seed: 2))
    let missing = GoldenTranscript.check(fresh, name: "g", directory: dir, update: false)
    #expect(missing.count == 2)
    #expect(missing[0].hasPrefix("\(dir)/g.json is missing; run `KUBELAB_UPDATE_GOLDEN=1 swift test --filter Golden`"))
    #expect(GoldenTranscript.check(fresh, name: "g", directory: dir, update: true) == [])
    #expect(GoldenTranscript.check(fresh, name: "g", directory: dir, update: false) == [])

    var stale = fresh
    stale.commands[1].output = "[tick 1 · report] 3 messages\n"
    try stale.jsonText.write(toFile: dir + "/g.json", atomically: true, encoding: .utf8)
    try TranscriptMarkdown.render(stale).write(toFile: dir + "/g.md", atomically: true, encoding: .utf8)
    let problems = GoldenTranscript.check(fresh, name: "g", directory: dir, update: false)
    #expect(problems.count == 2)
    #expect(problems[0].contains("g.json differs from a fresh run: command 2 (step): output differs at line 1"))
    #expect(problems[1].contains("g.md differs from a fresh run at line "))
  }
}

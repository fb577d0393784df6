// Replay: `replay --verify` passes on a genuine transcript and names the first difference in an
// edited one; stepping prints each command and its recorded output.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct TranscriptReplayTests {
  @Test func aGenuineTranscriptVerifies() throws {
    let t = sampleTranscript()
    let v = TranscriptSession.verify(t, prepare: prepareTestSession)
    #expect(v.difference == nil)
    #expect(v.commands == 6)
    #expect(v.messages == t.commands.map(\.messageCount).reduce(0, +))
  }

  @Test func anEditedOutputIsCaughtAtItsCommandAndLine() throws {
    var t = sampleTranscript()
    t.commands[0].output = t.commands[0].output.replacingOccurrences(
      of: "Next phase:      report", with: "Next phase:      store")
    let d = try #require(TranscriptSession.verify(t, prepare: prepareTestSession).difference)
    #expect(d.command == 1)
    #expect(d.line == "status")
    #expect(d.what == "output differs at line 3")
    #expect(d.expected == "\"Next phase:      store\"")
    #expect(d.actual == "\"Next phase:      report\"")
    #expect(d.description.hasPrefix("command 1 (status): output differs at line 3\n  expected: "))
  }

  @Test func anEditedMessageIsCaught() throws {
    var t = sampleTranscript()
    t.commands[1].messages[1].detail = "rev 999"
    var d = try #require(TranscriptSession.verify(t, prepare: prepareTestSession).difference)
    #expect(d.command == 2)
    #expect(d.what == "message 2 of \(t.commands[1].messageCount) differs")
    #expect(d.expected.contains("rev 999"))

    t = sampleTranscript()
    t.commands[1].messages[0].body?["data"] = ["input": "forged"]
    d = try #require(TranscriptSession.verify(t, prepare: prepareTestSession).difference)
    #expect(d.what == "message 1 of \(t.commands[1].messageCount) differs in body.data.input")
    #expect(d.expected.hasSuffix(": \"forged\""))

    t = sampleTranscript()
    t.commands[4].messages.removeLast()
    t.commands[4].messageCount -= 1
    d = try #require(TranscriptSession.verify(t, prepare: prepareTestSession).difference)
    #expect(d.command == 5)
    #expect(d.what == "it caused 299 messages on record but 300 now")
  }

  @Test func aDifferentSeedOrClusterIsCaught() throws {
    var t = sampleTranscript()
    t.header.cluster.seed = 4
    let d = try #require(TranscriptSession.verify(t, prepare: prepareTestSession).difference)
    #expect(d.command == 1)
    #expect(d.what == "output differs at line 8")
    #expect(d.expected == "\"Messages:        0 (seed 3)\"")
  }

  @Test func theBinaryVerifiesAGenuineTranscriptAndRejectsAnEditedCopy() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let golden = TranscriptFiles.transcriptsDirectory + "/first-steps.json"
    let ok = try TranscriptKubelab.run(["replay", "--verify", golden], state: state)
    #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    #expect(ok.stdout.contains("verified: all 13 commands"))

    var t = try TranscriptFile.load(golden).transcript
    t.commands[4].output = t.commands[4].output.replacingOccurrences(of: "tick 1:", with: "tick 9:")
    let edited = state + "/edited.json"
    try t.jsonText.write(toFile: edited, atomically: true, encoding: .utf8)
    let bad = try TranscriptKubelab.run(["replay", "--verify", edited], state: state)
    #expect(bad.status == 1)
    #expect(bad.stdout.contains("does not match a fresh run (seed 7, 3 nodes):"))
    #expect(bad.stdout.contains("command 5 (tick): output differs at line 1"))
    #expect(bad.stdout.contains("expected: \"tick 9:"))
    #expect(bad.stdout.contains("actual:   \"tick 1:"))
  }

  @Test func replayWithoutATerminalPrintsEveryCommandAndItsOutput() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let golden = TranscriptFiles.transcriptsDirectory + "/first-steps.json"
    let r = try TranscriptKubelab.run(["replay", golden], state: state)
    #expect(r.status == 0, "\(r.stderr)")
    let t = try TranscriptFile.load(golden).transcript
    var expected = "\(t.title): 13 commands, seed 7, 3 nodes, kubelab \(t.header.kubelab).\n"
    for c in t.commands {
      expected += c.prompt + c.typedLine + "\n" + c.heredocLines.map { $0 + "\n" }.joined() + c.output
    }
    #expect(t.commands[1].input != nil)
    #expect(r.stdout == expected)
  }
}

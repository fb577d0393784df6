// Corrupt, truncated and foreign files: one clear line naming the file and what is wrong, never a crash.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct TranscriptErrorTests {
  static var headerLine: String { GoldenTranscript.header(name: "h", cluster: ClusterOptions()).json.compactText }
  static var commandLine: String {
    TranscriptCommand(
      number: 1, prompt: "kubelab [tick 0]> ", line: "status", output: "ok\n", success: true, tickBefore: 0,
      tickAfter: 0,
      phaseBefore: nil, phaseAfter: nil
    ).json(type: "command").compactText
  }

  static let cases: [(String, String, String)] = [
    ("empty", "", "empty file (not a kubelab transcript)"),
    ("spaces", "  \n\n", "empty file (not a kubelab transcript)"),
    ("markdown", "# Handout\n\nSome text.\n", "not a kubelab transcript (not JSON)"),
    ("foreign object", #"{"apiVersion": "v1", "kind": "Pod"}"#, #"not a kubelab transcript (missing "format")"#),
    ("foreign list", "[1, 2, 3]", "not a kubelab transcript (expected a JSON object, got list)"),
    (
      "other format", #"{"format": "asciicast", "version": 2}"#,
      #"not a kubelab transcript ("format" is "asciicast", not "kubelab-transcript")"#
    ),
    ("no version", #"{"format": "kubelab-transcript"}"#, #"missing "version""#),
    (
      "future version", #"{"format": "kubelab-transcript", "version": 9, "commands": []}"#,
      "version 9 is newer than this kubelab understands (kubelab \(KubeLabVersion.string) reads version 1)"
    ),
    (
      "truncated export", "{\n  \"format\": \"kubelab-transcript\",\n  \"version\": 1,\n  \"id\": \"x",
      "line 4: unexpected end of JSON"
    ),
    ("missing field", headerLine.dropLast() + #","commands":[{"n":1}]}"#, #"command 1: missing "prompt""#),
    (
      "wrong type", headerLine.dropLast() + #","commands":"none"}"#, #""commands" should be a list, got string"#
    ),
    (
      "corrupt middle line", headerLine + "\n" + commandLine + "\n{\"type\":\"command\",\n" + commandLine + "\n",
      "line 3: unexpected end of JSON"
    ),
    (
      "unknown record", headerLine + "\n{\"type\":\"note\"}\n" + commandLine + "\n",
      #"line 2: unknown record type "note" (expected "command")"#
    ),
    (
      "bad phase",
      headerLine + "\n" + commandLine.replacingOccurrences(of: #""phaseAfter":null"#, with: #""phaseAfter":"lunch""#)
        + "\n", #"line 2: "phaseAfter" should be null or one of report, store, schedule, dispatch, run, reconcile"#
    ),
    (
      "bad cluster",
      #"{"format":"kubelab-transcript","version":1,"id":"x","kubelab":"0","kubernetes":"v1","cluster":{"seed":1,"nodes":"many"},"commands":[]}"#,
      "header: cluster: nodes: expected a list of nodes"
    ),
  ]

  @Test(arguments: cases)
  func aBadFileGetsOneLineNamingItAndTheProblem(name: String, content: String, message: String) throws {
    let dir = try TranscriptFiles.temporaryDirectory()
    let path = dir + "/bad.json"
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: TranscriptError("\(path): \(message)"), "\(name)") { try TranscriptFile.load(path) }
    do {
      _ = try TranscriptFile.load(path)
    } catch {
      #expect(!"\(error)".contains("\n"), "\(name)")
    }
  }

  @Test func missingFilesAndDirectories() throws {
    let dir = try TranscriptFiles.temporaryDirectory()
    #expect(throws: TranscriptError("\(dir)/nope.json: no such file")) { try TranscriptFile.load(dir + "/nope.json") }
    #expect(throws: TranscriptError("\(dir): is a directory, not a transcript")) { try TranscriptFile.load(dir) }
    try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: dir + "/bin"))
    #expect(throws: TranscriptError("\(dir)/bin: not a kubelab transcript (not UTF-8 text)")) {
      try TranscriptFile.load(dir + "/bin")
    }
  }

  @Test func theBinarySaysItInOneLineAndExitsTwo() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let path = state + "/future.json"
    try #"{"format": "kubelab-transcript", "version": 9}"#.write(toFile: path, atomically: true, encoding: .utf8)
    for args in [["replay", path], ["replay", "--verify", path], ["export", path, "--format", "md"]] {
      let r = try TranscriptKubelab.run(args, state: state)
      #expect(r.status == 2, "\(args)")
      #expect(r.stdout == "")
      #expect(
        r.stderr
          == "error: \(path): version 9 is newer than this kubelab understands (kubelab \(KubeLabVersion.string) reads version 1)\n"
      )
    }
    let none = try TranscriptKubelab.run(["export", "last"], state: state)
    #expect(none.status == 2)
    #expect(none.stderr == "error: no saved sessions in \(state)/kubelab/sessions\n")
    let unknown = try TranscriptKubelab.run(["replay", "2020-nothing"], state: state)
    #expect(unknown.stderr == "error: 2020-nothing: no such file or session (see `kubelab sessions`)\n")
  }
}

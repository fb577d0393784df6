// Recording: sessions saved as JSONL as they go, recoverable after a kill, listed and exported from
// the command line and the console; cluster options survive the trip.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct TranscriptRecordingTests {
  @Test func aSessionFileIsWrittenCommandByCommandAndReadsBackTheSame() throws {
    let dir = try TranscriptFiles.temporaryDirectory()
    let path = dir + "/s.jsonl"
    let header = GoldenTranscript.header(name: "s", cluster: ClusterOptions(seed: 3))
    let session = Session(options: SessionOptions(cluster: header.cluster))
    prepareTestSession(session)
    let recorder = try TranscriptRecorder(header: header, path: path)
    session.startRecording(recorder)
    session.execute("status", out: OutputSink())
    #expect(try TranscriptFiles.read(path).split(separator: "\n").count == 2)
    session.execute("make-configmaps web", input: "x\n", out: OutputSink())
    session.execute("step", out: OutputSink())
    let lines = try TranscriptFiles.read(path).split(separator: "\n")
    // The header, then one line per command; the lesson annotation goes on its command's line.
    #expect(lines.count == 4)
    #expect(lines[1].hasPrefix("{\"type\":\"command\",\"n\":1,"))
    #expect(
      lines[2].hasSuffix(
        #""lesson":{"id":"configmaps","step":1,"stepTitle":"Create config map 1","checks":[{"name":"config map exists","passed":true,"message":""}],"completed":false}}"#
      ))
    let file = try TranscriptFile.load(path)
    #expect(file.layout == .session)
    #expect(file.warning == nil)
    let inMemory = TranscriptSession.run(
      [TranscriptInput("status"), TranscriptInput("make-configmaps web", input: "x\n"), TranscriptInput("step")],
      header: header, prepare: prepareTestSession)
    #expect(file.transcript == inMemory)
    #expect(file.transcript.commands[1].lesson?.stepTitle == "Create config map 1")
    let summary = SessionStore.summary(path)
    #expect(summary.commands == 3)
    #expect(summary.lessons == ["configmaps"])
    #expect(summary.seed == "3")
    #expect(!summary.incomplete)
  }

  /// `start-over SEED`: starts over on a fresh one-worker cluster, as a lesson does when it begins.
  struct StartOverCommand: REPLCommand {
    let name = "start-over"
    let group = CommandGroup.session
    let summary = "test only: start over"
    let usage = "Usage: start-over SEED"
    func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
      session.rebuild(with: ClusterOptions(seed: UInt64(args.first ?? "") ?? 1, workers: 1))
      _ = session.cluster.step()
      out.line("started over")
      return true
    }
  }

  @Test func aCommandThatStartsOverRecordsTheNewClusterAndItsMessages() throws {
    let header = GoldenTranscript.header(name: "r", cluster: ClusterOptions(seed: 3))
    let inputs = [
      TranscriptInput("make-configmaps before"), TranscriptInput("step"), TranscriptInput("start-over 8"),
      TranscriptInput("make-configmaps after"), TranscriptInput("status"),
    ]
    let prepare: (Session) -> Void = {
      prepareTestSession($0)
      $0.registry.register(StartOverCommand())
    }
    let t = TranscriptSession.run(inputs, header: header, prepare: prepare)
    let restart = t.commands[2]
    #expect(restart.rebuilt?.seed == 8)
    #expect(restart.rebuilt?.nodes.map(\.name) == ["control-plane", "node-1"])
    #expect(restart.tickBefore == 1 && restart.phaseBefore == .report)
    #expect(restart.tickAfter == 1 && restart.phaseAfter == .report)
    #expect(t.commands[0].messages.map(\.seq) == [1, 2, 3, 4, 5])
    // Messages are numbered afresh on the new cluster.
    #expect(restart.messages.map(\.seq) == Array((1..<(restart.messageCount + 1))))
    #expect(t.commands[3].messages.first?.seq == restart.messageCount + 1)
    #expect(t.commands[3].messages.first?.object == "configmaps")
    #expect(t.commands[3].rebuilt == nil)
    #expect(t.commands[4].output.contains("(seed 8)"))
    let back = try TranscriptFile.parse(t.jsonText).transcript
    #expect(back == t)
    #expect(TranscriptSession.verify(back, prepare: prepare).difference == nil)
  }

  @Test func aKilledSessionKeepsEveryCompleteCommand() throws {
    let text = sampleTranscript().commands.prefix(3).reduce(sampleTranscript().header.json.compactText + "\n") {
      $0 + $1.json(type: "command").compactText + "\n"
    }
    var lines = text.split(separator: "\n").map(String.init)
    // The process died while writing the fourth line.
    lines[3] = String(lines[3].prefix(lines[3].count / 2))
    let cut = lines.joined(separator: "\n")
    let file = try TranscriptFile.parse(cut)
    #expect(file.transcript.commands.count == 2)
    #expect(file.transcript.commands.map(\.line) == ["status", "make-configmaps web"])
    #expect(
      file.warning?.hasPrefix(
        "line 4 is incomplete (unexpected end of JSON): the session was cut off; kept the 2 complete")
        == true)
  }

  @Test func killingKubelabMidCommandLosesOnlyThatCommand() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let dir = state + "/kubelab/sessions"
    let p = Process()
    p.executableURL = TranscriptKubelab.binary
    var env = ProcessInfo.processInfo.environment
    env["XDG_STATE_HOME"] = state
    p.environment = env
    let script = state + "/long.kubelab"
    try "status\nstep\nrun until pod/never running --timeout 5000h\nstatus\n".write(
      toFile: script, atomically: true, encoding: .utf8)
    p.arguments = [script]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Wait for the first two commands to be on disk, then kill it in the middle of the third.
    var lines = 0
    for _ in 0..<600 where lines < 3 {
      Thread.sleep(forTimeInterval: 0.05)
      let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      if let f = files.first, let text = try? TranscriptFiles.read(dir + "/" + f) {
        lines = text.split(separator: "\n").count
      }
    }
    #expect(p.isRunning)
    // SIGKILL: the test runner's blocked signals are inherited, and a kill is what is being tested.
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(lines == 3)
    let exported = try TranscriptKubelab.run(["export", "last", "--format", "json"], state: state)
    #expect(exported.status == 0, "\(exported.stderr)")
    let t = try Transcript(json: JSON.parse(exported.stdout))
    #expect(t.commands.map(\.line) == ["status", "step"])
    #expect(t.header.source == "script")
    let listed = try TranscriptKubelab.run(["sessions"], state: state)
    #expect(listed.stdout.contains("\(t.header.id)   "))
  }

  @Test func scriptsAreRecordedUnlessToldNotTo() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let r = try TranscriptKubelab.run(["--seed", "5", "--workers", "1"], stdin: "status\nstep\nnope\n", state: state)
    #expect(r.status == 1)
    let files = try FileManager.default.contentsOfDirectory(atPath: state + "/kubelab/sessions")
    #expect(files.count == 1)
    let name = try #require(files.first)
    #expect(name.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-seed5-[0-9a-f]{4}\.jsonl/) != nil)
    let t = try TranscriptFile.load(state + "/kubelab/sessions/" + name).transcript
    #expect(t.header.seed == 5)
    #expect(t.header.cluster.nodes.map(\.name) == ["control-plane", "node-1"])
    #expect(t.header.recordedAt != nil)
    #expect(t.commands.map(\.line) == ["status", "step", "nope"])
    #expect(t.commands[2].output.hasPrefix("error: unknown command \"nope\""))
    // What was printed is what was recorded.
    #expect(r.stdout + r.stderr == t.commands.map(\.output).joined())

    let listed = try TranscriptKubelab.run(["sessions"], state: state)
    #expect(listed.stdout.hasPrefix("ID "))
    #expect(listed.stdout.contains(String(name.dropLast(6))))
    #expect(listed.stdout.contains(" 5 "))

    let quiet = try TranscriptFiles.temporaryDirectory()
    _ = try TranscriptKubelab.run(["--no-record"], stdin: "status\n", state: quiet)
    #expect(!FileManager.default.fileExists(atPath: quiet + "/kubelab/sessions"))
  }

  @Test func exportFromTheConsoleAndFromTheCommandLine() throws {
    let state = try TranscriptFiles.temporaryDirectory()
    let r = try TranscriptKubelab.run(
      [], stdin: "step\nexport transcript out.html\nexport transcript out --format md\nexport transcript x.txt\n",
      state: state, cwd: state)
    #expect(r.stdout.contains("Wrote out.html: 1 command as an HTML page."))
    #expect(r.stdout.contains("Wrote out: 2 commands as a Markdown handout."))
    #expect(r.stderr.contains("error: cannot tell the format from \"x.txt\""))
    let html = try TranscriptFiles.read(state + "/out.html")
    #expect(HTMLTagChecker.problem(html) == nil)
    #expect(try TranscriptFiles.read(state + "/out").contains("### 2. `export transcript out.html`"))
    for (file, check) in [
      ("s.json", "\"format\": \"kubelab-transcript\""), ("s.cast", "{\"version\":2,"), ("s.md", "# KubeLab session "),
    ] {
      let e = try TranscriptKubelab.run(["export", "last", "-o", state + "/" + file], state: state)
      #expect(e.status == 0, "\(e.stderr)")
      #expect(try TranscriptFiles.read(state + "/" + file).contains(check), "\(file)")
    }
    let json = try JSON.parse(TranscriptFiles.read(state + "/s.json"))
    #expect(JSONSchemaSubset.validate(json, schema: try TranscriptFiles.schema) == [])
    #expect(json["commands"]?.arrayValue?.count == 4)
  }

  @Test func clusterOptionsSurviveTheTranscript() throws {
    let yaml = """
      seed: 99
      messageWindow: 500
      nodes:
      - {name: cp, role: control-plane}
      - {name: big, cpu: "16", memory: 64Gi, pods: 250, labels: {disktype: ssd, zone: a}, taints: [{key: gpu, value: "true", effect: NoSchedule}]}
      """
    var options = try ClusterOptions.parse(yaml)
    options.bootstrap = false
    options.start = Time.parse("2030-05-06T07:08:09Z")!
    let back = try TranscriptCluster.options(TranscriptCluster.json(options), context: "test")
    #expect(back.seed == 99)
    #expect(back.messageWindow == 500)
    #expect(back.nodes == options.nodes)
    #expect(back.bootstrap == false)
    // kubeadm's static pods on a default control plane are named, not written out.
    let defaults = ClusterOptions()
    #expect(TranscriptCluster.json(defaults)["nodes"]?[0]?["staticPods"] == "kubeadm")
    #expect(try TranscriptCluster.options(TranscriptCluster.json(defaults), context: "t").nodes == defaults.nodes)
    var custom = defaults
    custom.nodes[1].staticPods = [Pod(metadata: ObjectMeta(name: "static-web", namespace: "default"))]
    #expect(try TranscriptCluster.options(TranscriptCluster.json(custom), context: "t").nodes == custom.nodes)
    #expect(back.start == options.start)
    let huge = try TranscriptCluster.options(TranscriptCluster.json(ClusterOptions(seed: UInt64.max)), context: "t")
    #expect(huge.seed == UInt64.max)
  }

  @Test func ansiColourIsNotRecorded() {
    #expect("\u{1B}[1;36mkubelab\u{1B}[0m [tick 0]> ".withoutANSI == "kubelab [tick 0]> ")
    #expect("\u{1}\u{1B}[33m\u{1}tick\u{1}\u{1B}[0m\u{1}".withoutANSI == "tick")
    #expect("plain <text>".withoutANSI == "plain <text>")
  }
}

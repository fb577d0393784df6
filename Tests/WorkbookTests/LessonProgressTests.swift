// Tests of lesson progress: the file is versioned and written atomically, and resuming a lesson
// rebuilds the same step on the same cluster state.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct LessonProgressTests {
  // MARK: - The file

  @Test func theFileIsWrittenAtomicallyAndReadBack() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/deeper/kubelab/progress.json"
    var p = LessonProgress()
    p.step = 2
    p.passed = [0, 1]
    p.hintsShown = [1, 0, 2]
    p.journal = [.init(line: "kubectl apply -f -", input: "kind: Pod\n", ok: true)]
    let store = ProgressStore(path: path)
    #expect(store.warning == nil)
    try store.set("en/first-tick", p)
    // Only the file itself is left: the temporary file was renamed over it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/deeper/kubelab") == ["progress.json"])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("{\n  \"lessons\" : {\n    \"en/first-tick\" : {\n"))
    #expect(text.hasSuffix("  \"version\" : 1\n}\n"))
    #expect(ProgressStore(path: path).progress("en/first-tick") == p)
  }

  /// Two sessions saving different lessons keep each other's progress (each save merges).
  @Test func savesMergeWithWhatIsOnDisk() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"
    let a = ProgressStore(path: path)
    let b = ProgressStore(path: path)
    var pa = LessonProgress()
    pa.step = 1
    var pb = LessonProgress()
    pb.step = 3
    try a.set("en/one", pa)
    try b.set("en/two", pb)
    let read = ProgressStore(path: path)
    #expect(read.progress("en/one") == pa)
    #expect(read.progress("en/two") == pb)
    try a.set("en/one", nil)
    #expect(ProgressStore(path: path).progress("en/one") == nil)
    #expect(ProgressStore(path: path).progress("en/two") == pb)
  }

  @Test func anUnreadableFileIsSetAsideNotLost() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"
    try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
    let store = ProgressStore(path: path)
    #expect(store.warning?.contains("it was moved to \(path).corrupt") == true)
    #expect(try String(contentsOfFile: path + ".corrupt", encoding: .utf8) == "{not json")
    try #"{"version": 2, "lessons": {}}"#.write(toFile: path, atomically: true, encoding: .utf8)
    let newer = ProgressStore(path: path)
    #expect(newer.warning?.contains("is version 2, newer than this kubelab understands") == true)
    try newer.set("en/x", LessonProgress())
    #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"version": 2, "lessons": {}}"#)
  }

  @Test func theDefaultPathFollowsXDG() {
    #expect(
      ProgressStore.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"])
        == "/data/kubelab/progress.json")
    #expect(ProgressStore.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/kubelab/progress.json")
    #expect(
      ProgressStore.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])
        == "/h/.local/share/kubelab/progress.json")
  }

  // MARK: - Resuming

  /// Leaving kubelab and starting the lesson again gives the same step, hints, answers and the
  /// same cluster: `status` and `messages` print exactly what they printed before leaving. The
  /// fake commands draw names from the cluster's RNG and record messages, so only an exact replay
  /// gets this right. Checks only read (with the message log muted): they leave nothing to replay.
  @Test func resumingGivesTheSameStepAndTheSameCluster() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"

    let first = LessonFixtures.session(progressFile: path)
    first.type("lesson start bindings")
    first.type("fake-bind web node-2", input: "a heredoc body\n")
    first.type("next")
    first.type("hint")
    first.type("step")
    first.type("step")
    first.type("answer node-1")
    let beforeCheck = first.look("messages")
    first.type("check")  // runs `messages …`, muted: it records nothing
    #expect(first.look("messages") == beforeCheck)
    first.type("fake-bind db node-1")
    first.type("tick")
    let status = first.look("status")
    let messages = first.look("messages")
    #expect(messages.contains("fake-") == false)
    // The setup's binding, web's and db's: a request and a response each.
    #expect(messages.components(separatedBy: "\n").filter { $0.contains("/binding") }.count == 6)
    let engineA = try #require(first.workbook)
    // Only the learner's commands (the workbook's own, `next`, `hint`, `answer`, `check`, are not).
    #expect(
      engineA.progress.journal.map(\.line) == ["fake-bind web node-2", "step", "step", "fake-bind db node-1", "tick"])
    #expect(engineA.progress.journal[0].input == "a heredoc body\n")

    let second = LessonFixtures.session(progressFile: path)
    let resumed = second.type("lesson start bindings")
    #expect(resumed.contains("Resuming at step 2/3 (replayed 5 commands: the cluster is as you left it)."))
    #expect(!resumed.contains("Note:"))
    #expect(resumed.contains("Step 2/3 · Predict, then look"))
    let engineB = try #require(second.workbook)
    #expect(engineB.progress == engineA.progress)
    #expect(second.look("status") == status)
    #expect(second.look("messages") == messages)
    #expect(engineB.progress.hints(1) == 0)
    #expect(engineB.progress.answers.map(\.text) == ["node-1"])
    // Both sessions carry on alike.
    #expect(first.type("fake-bind api node-2") == second.type("fake-bind api node-2"))
    #expect(first.look("messages") == second.look("messages"))
    // The wrong prediction still fails; web is on node-2; a `step` ran since the step began.
    #expect(engineB.evaluate().map(\.passed) == [false, true, true])
  }

  @Test func resetStartsOverOnAFreshCluster() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"
    let fresh = LessonFixtures.session(progressFile: path)
    fresh.type("lesson start bindings")
    let startStatus = fresh.look("status")
    let startMessages = fresh.look("messages")
    #expect(startMessages.contains("pods/setup-pod-"), "the setup ran")
    fresh.type("fake-bind web node-2")
    fresh.type("next")
    fresh.type("tick 3")
    #expect(fresh.look("status") != startStatus)
    let reset = fresh.type("lesson reset")
    #expect(
      reset.hasPrefix(
        "Lesson reset: a fresh cluster, back at step 1.\n\nLesson: Watching bindings (a fixture) (bindings) — 3 steps\n"
      ))
    #expect(fresh.look("status") == startStatus)
    #expect(fresh.look("messages") == startMessages)
    let engine = try #require(fresh.workbook)
    #expect(engine.progress.step == 0)
    #expect(engine.progress.journal == [])
    #expect(engine.progress.passed == [])
    #expect(ProgressStore(path: path).progress("en/bindings")?.journal == [])
  }

  /// A lesson whose cluster or setup changed since it was started says so when resumed.
  @Test func resumingAChangedLessonWarns() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lessons = dir + "/lessons"
    try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
    func write(seed: Int) throws {
      try """
      ---
      id: changing
      title: Changing
      language: en
      cluster: {seed: \(seed)}
      ---

      ## Step

      ```lesson
      checks:
        - ran: "^nothing$"
      ```
      """.write(toFile: lessons + "/changing.md", atomically: true, encoding: .utf8)
    }
    try write(seed: 1)
    let a = LessonFixtures.session(sources: [[lessons]], progressFile: dir + "/progress.json")
    a.type("lesson start changing")
    a.type("step")
    try write(seed: 2)
    let b = LessonFixtures.session(sources: [[lessons]], progressFile: dir + "/progress.json")
    #expect(
      b.type("lesson start changing").contains("Note: this lesson's cluster or setup changed since you worked on it"))
  }
}

struct LessonInterruptedReplayTests {
  /// A `run 5m` the learner stopped with Ctrl-C after a few phases is replayed up to where it
  /// stopped, not for five minutes.
  @Test func anInterruptedRunIsReplayedToWhereItStopped() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"
    let first = LessonFixtures.session(progressFile: path)
    first.type("lesson start bindings")
    let engine = try #require(first.workbook)
    // What `run 5m` does until Ctrl-C stops it after eight phases.
    for _ in 0..<8 { first.cluster.step() }
    _ = engine.learnerRan(ConsoleCommand(line: "run 5m"), success: true, interrupted: true)
    first.type("fake-bind web node-2")
    let status = first.look("status")
    #expect(status.hasPrefix("Tick:            2\nLast phase:      store\n"))
    #expect(engine.progress.journal[0].stoppedAt == LessonProgress.Mark(tick: 2, phase: "store"))

    let second = LessonFixtures.session(progressFile: path)
    let resumed = second.type("lesson start bindings")
    #expect(!resumed.contains("Note:"), "\(resumed)")
    #expect(second.look("status") == status)
    #expect(second.look("messages") == first.look("messages"))
  }
}

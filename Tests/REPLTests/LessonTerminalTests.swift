// LessonTerminalTests: the workbook in a real terminal — `kubelab lesson first-tick` run in tmux
// (keys typed with send-keys, the screen read with capture-pane): hints and checks, leaving with
// `exit`, and resuming at the same step on the same cluster.
import Foundation
import KubelabTestSupport
import Testing

@Suite(.enabled(if: Tmux.available, "tmux is not installed: the terminal test of the workbook needs it"))
struct LessonTerminalTests {
  @Test func aLessonResumesAtTheSameStepOnTheSameClusterAfterExit() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubelab-terminal-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let terminal = Tmux(env: [:])
    // The learner's own kubelab: progress, history and sessions in scratch folders.
    let command = [
      "env", "-u", "KUBELAB_LESSONS", "-u", "NO_COLOR", "KUBELAB_LANG=en", "XDG_DATA_HOME=\(scratch)/data",
      "XDG_STATE_HOME=\(scratch)/state", KubelabProcess.binary.path, "lesson", "first-tick",
    ].map(Tmux.quoted).joined(separator: " ")

    // First visit: the lesson starts on its own cluster.
    try terminal.start(command, width: 120, height: 50)
    let opening = try terminal.waitForPrompt()
    #expect(opening.contains("Lesson: One tick, phase by phase (first-tick) — 3 steps"))
    #expect(opening.contains("Step 1/3 · Run one phase"))
    #expect(terminal.lastPrompt == "kubelab [tick 5 · reconcile]>", "the setup ran `run 5s`")
    #expect(
      try terminal.enter("hint")
        == "Hint 1/2: `step` runs exactly one phase. A tick always starts with the report phase."
    )
    let failing = try terminal.enter("check")
    #expect(failing.hasPrefix("✗ You ran one phase with `step`.\n✗ The clock stands after the report phase."))
    #expect(failing.hasSuffix("0 of 2 checks pass."))
    let stepped = try terminal.enter("step")
    #expect(stepped.hasPrefix("[tick 6 · report] "))
    #expect(stepped.contains("✓ Step 1/3 passed: Run one phase\nType `next` for step 2: Predict the next phase"))
    #expect(
      try terminal.enter("check")
        == "✓ You ran one phase with `step`.\n✓ The clock stands after the report phase.\nThis step is passed already.")
    #expect(try terminal.enter("next").hasPrefix("Step 2/3 · Predict the next phase\n"))
    #expect(try terminal.enter("hint").hasPrefix("Hint 1/1: The kubelets have reported."))
    #expect(try terminal.enter("answer store") == "✓ Correct.")
    let status = try terminal.enter("status")
    #expect(status.hasPrefix("Tick:            6\nLast phase:      report\nNext phase:      store\n"))
    let prompt = terminal.lastPrompt
    try terminal.enter("exit", waitForPrompt: false)
    try terminal.waitForExit()
    #expect(FileManager.default.fileExists(atPath: "\(scratch)/data/kubelab/progress.json"))

    // Second visit: the same step, hints and answers, and the very same cluster.
    try terminal.start(command, width: 120, height: 50)
    let resumed = try terminal.waitForPrompt()
    #expect(
      resumed.contains(
        "Resuming at step 2/3 (replayed 2 commands: the cluster is as you left it). `lesson reset` starts over."))
    #expect(resumed.contains("Step 2/3 · Predict the next phase"))
    #expect(!resumed.contains("Note:"), "the replay reached the same point")
    #expect(terminal.lastPrompt == prompt)
    #expect(try terminal.enter("status") == status)
    #expect(try terminal.enter("hint") == "No more hints (all 1 shown). `solution` shows the solution.")
    let check = try terminal.enter("check")
    #expect(check.hasPrefix("✓ Which phase runs right after report?\n✗ You ran `step` to see the next phase."))
    #expect(try terminal.enter("step").contains("✓ Step 2/3 passed: Predict the next phase"))
    try terminal.enter("exit", waitForPrompt: false)
    try terminal.waitForExit()
  }
}

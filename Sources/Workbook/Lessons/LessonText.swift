// LessonText: the workbook's own words (announcements, prompts, list headings) in English and
// Chinese — the string table, one method per phrase.

struct LessonText {
  let zh: Bool

  init(language: String) { zh = language == "zh" }

  // MARK: - Listing

  func listHeading(_ language: String) -> String { zh ? "课程（\(language)）：" : "Lessons (\(language)):" }
  var noLessons: String {
    zh
      ? "没有找到课程。课程从 --lessons DIR、$KUBELAB_LESSONS 和自带的 lessons/ 目录读取。"
      : "No lessons found. Lessons are read from --lessons DIR, $KUBELAB_LESSONS and the shipped lessons/ folder."
  }
  var malformedHeading: String {
    zh ? "有问题的课程（修正它们，或运行 `kubelab lessons lint`）：" : "Lessons with problems (fix them, or run `kubelab lessons lint`):"
  }
  var done: String { zh ? "✓ 完成" : "✓ done" }
  var notStarted: String { zh ? "未开始" : "not started" }
  func stepsDone(_ n: Int, _ m: Int) -> String { zh ? "\(n)/\(m) 步" : "\(n)/\(m) steps" }
  func needs(_ ids: [String]) -> String {
    zh ? "（先学：\(ids.joined(separator: "、"))）" : " (after: \(ids.joined(separator: ", ")))"
  }
  var listFooter: String { zh ? "`lesson start ID` 开始或继续一节课。" : "`lesson start ID` starts or resumes a lesson." }

  // MARK: - Starting

  func header(_ title: String, _ id: String, _ steps: Int) -> String {
    zh ? "课程：\(title)（\(id)）— 共 \(steps) 步" : "Lesson: \(title) (\(id)) — \(steps) step\(steps == 1 ? "" : "s")"
  }
  func noSuchLesson(_ id: String) -> String { zh ? "没有课程 \"\(id)\"" : "no lesson \"\(id)\"" }
  func didYouMean(_ id: String) -> String { zh ? "（你是想输入 \(id) 吗？）" : " (did you mean \(id)?)" }
  var seeList: String { zh ? "`lesson list` 列出所有课程。" : "`lesson list` shows the lessons." }
  func malformed(_ id: String) -> String {
    zh ? "课程 \"\(id)\" 有问题，无法开始：" : "lesson \"\(id)\" has problems and cannot be started:"
  }
  func resuming(_ step: Int, _ steps: Int, _ replayed: Int) -> String {
    zh
      ? "从第 \(step)/\(steps) 步继续（重放了 \(replayed) 条命令，集群恢复到离开时的状态）。`lesson reset` 从头开始。"
      : "Resuming at step \(step)/\(steps) (replayed \(replayed) command\(replayed == 1 ? "" : "s"): the cluster is as you left it). `lesson reset` starts over."
  }
  var lessonChanged: String {
    zh
      ? "注意：这节课的集群设置或准备命令在你上次学习后改变了，集群可能与离开时不同。`lesson reset` 从头开始。"
      : "Note: this lesson's cluster or setup changed since you worked on it, so the cluster may differ from how you left it. `lesson reset` starts over."
  }
  var replayDiverged: String {
    zh
      ? "注意：重放后的集群与离开时不完全相同（课程或 kubelab 可能已更新）。`lesson reset` 从头开始。"
      : "Note: replaying your commands did not end where you left off (the lesson or kubelab may have changed). `lesson reset` starts over."
  }
  func setupFailed(_ command: String, _ output: String) -> String {
    zh ? "课程准备命令失败：\(command)\n\(output)" : "lesson setup failed: \(command)\n\(output)"
  }
  func prerequisitesPending(_ ids: [String]) -> String {
    zh
      ? "这节课建立在这些课程之上（尚未完成）：\(ids.joined(separator: "、"))"
      : "This lesson builds on: \(ids.joined(separator: ", ")) (not done yet)"
  }
  var resetDone: String { zh ? "课程已重置：新的集群，从第 1 步开始。" : "Lesson reset: a fresh cluster, back at step 1." }
  func stopped(_ id: String) -> String {
    zh
      ? "已离开课程 \(id)；进度已保存，`lesson start \(id)` 可继续。"
      : "Left lesson \(id); your progress is kept: `lesson start \(id)` resumes."
  }
  var noLesson: String {
    zh
      ? "error: 当前没有进行中的课程：`lesson list` 列出课程，`lesson start ID` 开始一节。"
      : "error: no lesson in progress: `lesson list` shows the lessons, `lesson start ID` starts one."
  }
  func saveFailed(_ why: String) -> String { zh ? "无法保存进度：\(why)" : "could not save progress: \(why)" }

  // MARK: - A step

  func stepHeading(_ n: Int, _ m: Int, _ title: String) -> String {
    zh ? "第 \(n)/\(m) 步 · \(title)" : "Step \(n)/\(m) · \(title)"
  }
  var passedMark: String { zh ? "  [✓ 已通过]" : "  [✓ passed]" }
  var tryThese: String { zh ? "试试：" : "Try:" }
  var questionLabel: String { zh ? "问题：" : "Question: " }
  var predictNote: String {
    zh
      ? "这是一个预测：在集群继续运行（step/tick/run）之前用 `answer` 回答。"
      : "This is a prediction: answer it with `answer` before the cluster moves (step/tick/run)."
  }
  func answerNote(choices: Bool) -> String {
    switch (zh, choices) {
    case (true, true): return "用 `answer 你的答案` 回答（也可以写选项编号）。"
    case (true, false): return "用 `answer 你的答案` 回答。"
    case (false, true): return "Answer with `answer TEXT` (or the choice's number)."
    case (false, false): return "Answer with `answer TEXT`."
    }
  }
  var stepFooter: String {
    zh
      ? "（`check` 检查进度 · `hint` 给出提示 · `next` 下一步 · `back` 上一步）"
      : "(`check` checks your work · `hint` gives a hint · `next` moves on · `back` goes back)"
  }

  // MARK: - Moving

  var lastStep: String { zh ? "这是最后一步。" : "This is the last step." }
  var firstStep: String { zh ? "这是第一步。" : "This is the first step." }
  func skipping(_ n: Int) -> String {
    zh ? "第 \(n) 步还没有通过——先往下走，`back` 可以回来。" : "Step \(n) is not passed yet — moving on anyway; `back` returns to it."
  }

  // MARK: - Passing

  func stepPassed(_ n: Int, _ m: Int, _ title: String) -> String {
    zh ? "✓ 第 \(n)/\(m) 步通过：\(title)" : "✓ Step \(n)/\(m) passed: \(title)"
  }
  func continueWith(_ n: Int, _ title: String) -> String {
    zh ? "输入 `next` 进入第 \(n) 步：\(title)" : "Type `next` for step \(n): \(title)"
  }
  func lessonComplete(_ title: String) -> String {
    zh ? "✓ 课程完成：\(title)。`lesson list` 看看接下来学什么。" : "✓ Lesson complete: \(title). `lesson list` shows what to do next."
  }
  func stillToPass(_ steps: [Int]) -> String {
    let list = steps.map(String.init).joined(separator: zh ? "、" : ", ")
    return zh ? "还有未通过的步骤：\(list)（用 `back` 回去）。" : "Steps still to pass: \(list) (`back` goes there)."
  }
  var alreadyPassed: String { zh ? "这一步已经通过了。" : "This step is passed already." }
  func checksPassing(_ n: Int, _ m: Int) -> String {
    zh ? "\(m) 项检查中通过了 \(n) 项。" : "\(n) of \(m) checks pass."
  }

  // MARK: - Hints and solutions

  func hint(_ n: Int, _ m: Int, _ text: String) -> String { zh ? "提示 \(n)/\(m)：\(text)" : "Hint \(n)/\(m): \(text)" }
  var lastHint: String {
    zh ? "（这是最后一条提示：`solution` 显示参考答案。）" : "(That was the last hint: `solution` shows the solution.)"
  }
  var noHints: String { zh ? "这一步没有提示。`solution` 显示参考答案。" : "This step has no hints. `solution` shows the solution." }
  func noMoreHints(_ m: Int) -> String {
    zh ? "没有更多提示了（\(m) 条都已显示）。`solution` 显示参考答案。" : "No more hints (all \(m) shown). `solution` shows the solution."
  }
  func hintsRemain(_ n: Int) -> String {
    zh
      ? "看完所有提示才能看参考答案：还剩 \(n) 条提示（输入 `hint`）。"
      : "The solution comes after every hint: \(n) hint\(n == 1 ? "" : "s") remain\(n == 1 ? "s" : "") (type `hint`)."
  }
  var solutionHeading: String { zh ? "参考答案：" : "Solution:" }
  var noSolution: String { zh ? "这一步没有参考答案。" : "This step has no solution." }

  // MARK: - Answers

  var noQuestion: String { zh ? "这一步没有需要回答的问题。" : "This step has no question to answer." }
  var allAnswered: String { zh ? "这一步的问题都已答对。" : "Every question of this step is answered already." }
  var answerUsage: String { zh ? "error: 用法：answer 你的答案" : "error: usage: answer TEXT" }
  var correct: String { zh ? "✓ 回答正确。" : "✓ Correct." }
  var wrong: String { zh ? "✗ 不太对。" : "✗ Not quite." }
  var tryAgain: String { zh ? "再试一次：`answer …`（`hint` 给出提示）。" : "Try again with `answer …` (`hint` gives a hint)." }
  var lateForPrediction: String {
    zh
      ? "答对了，但这是一个预测：只有在集群继续运行之前回答才算数。输入 `back` 再 `next` 重新开始这一步，先回答再运行。"
      : "That is right, but it was a prediction: it counts only before the cluster moves on. Type `back` then `next` to start the step again, and answer before you step."
  }

  // MARK: - Checks

  func outputEquals(_ c: String, _ v: String) -> String { zh ? "`\(c)` 输出 \(v)" : "`\(c)` prints \(v)" }
  func outputContains(_ c: String, _ v: String) -> String {
    zh ? "`\(c)` 的输出包含 \(v)" : "`\(c)` prints something containing \(v)"
  }
  func outputMatches(_ c: String, _ v: String) -> String {
    zh ? "`\(c)` 的输出匹配 /\(v)/" : "`\(c)` prints a match of /\(v)/"
  }
  func messageSeen(_ m: String) -> String { zh ? "消息记录里有：\(m)" : "a message \(m) was recorded" }
  func messageAbsent(_ m: String) -> String { zh ? "消息记录里没有：\(m)" : "no message \(m) was recorded" }
  func ranCommand(_ p: String) -> String { zh ? "运行过匹配 /\(p)/ 的命令" : "you ran a command matching /\(p)/" }
  func ranCommand(_ p: String, printing e: OutputExpectation) -> String {
    switch e {
    case .equals(let v): return zh ? "运行过匹配 /\(p)/ 的命令，输出 \(v)" : "you ran a command matching /\(p)/ that printed \(v)"
    case .contains(let v):
      return zh ? "运行过匹配 /\(p)/ 的命令，输出包含 \(v)" : "you ran a command matching /\(p)/ that printed \(v) among its output"
    case .matches(let v):
      return zh ? "运行过匹配 /\(p)/ 的命令，输出匹配 /\(v)/" : "you ran a command matching /\(p)/ whose output matches /\(v)/"
    }
  }
  /// One end of a message in a check's default description: `from scheduler`, `to kubelet`.
  func messageFrom(_ c: String) -> String { zh ? "\(c) 发出的" : "from \(c)" }
  func messageTo(_ c: String) -> String { zh ? "发给 \(c) 的" : "to \(c)" }
  func got(_ output: String) -> String { zh ? "实际输出：\(output)" : "got: \(output)" }
  var notYetAnswered: String { zh ? "尚未答对" : "not answered correctly yet" }
  var answeredLate: String { zh ? "集群动了之后才回答，预测不算数" : "answered after the cluster moved" }
  var commandFailed: String { zh ? "命令失败" : "the command failed" }
}

/// The width of text on a terminal: CJK characters take two columns.
enum DisplayWidth {
  static func of(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { w, u in
      let v = u.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v)
      return w + (wide ? 2 : 1)
    }
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: max(0, width - of(s)))
  }
}

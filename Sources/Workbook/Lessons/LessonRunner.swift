// LessonRunner: runs a lesson's reference solution through the engine, step by step, and reports
// every check — how the test suite proves that every shipped lesson can be passed.
import KubeSim

public enum LessonRunner {
  /// The outcome of running a whole solution.
  public struct Report: Sendable {
    public var lesson: String
    public var steps: [StepResult]
    /// Setup or solution commands that failed, and steps that did not pass when their solution ran.
    public var problems: [String]
    public var passed: Bool { problems.isEmpty && steps.allSatisfy(\.passed) }

    /// One line per check: `✓ en/first-tick step 1: The report phase ran`.
    public var text: String {
      var out: [String] = []
      for s in steps {
        for c in s.checks {
          out.append(
            "\(c.passed ? "✓" : "✗") \(lesson) step \(s.index + 1): \(c.description)"
              + (c.passed ? "" : c.detail.map { " — \($0)" } ?? ""))
        }
      }
      out += problems.map { "✗ \(lesson): \($0)" }
      return out.joined(separator: "\n")
    }
  }

  /// Starts `lesson` afresh in `engine` (progress kept in memory is fine), then for each step:
  /// answers its questions with their first accepted answer (before the cluster moves, as a
  /// prediction needs), runs its solution as the learner would, and runs every check.
  public static func runSolution(_ lesson: Lesson, in engine: LessonEngine) -> Report {
    var report = Report(lesson: lesson.key, steps: [], problems: [])
    engine.start(lesson, fresh: true)
    report.problems += engine.setupFailures.map { "setup command failed: \($0)" }
    for (i, step) in lesson.steps.enumerated() {
      precondition(engine.progress.step == i)
      for (_, q) in step.questions {
        _ = engine.answer(q.answers[0])
      }
      for c in step.solution {
        let r = engine.console.run(c)
        if !r.success {
          report.problems.append(
            "step \(i + 1): solution command failed: \(c.line)\n\(r.output.trimmingCharacters(in: .newlines))")
        }
      }
      let results = engine.evaluate()
      report.steps.append(StepResult(index: i, title: step.title, checks: results))
      if !engine.progress.isPassed(i) && results.allSatisfy(\.passed) {
        // Every check passes only now (e.g. a step that is all questions): let the engine record it.
        _ = engine.check()
      }
      if i + 1 < lesson.steps.count { _ = engine.next() }
    }
    return report
  }

  /// The solution as a console script for batch mode (`kubelab lesson ID < script`): per step, the
  /// answers, the solution's commands, `check`, then `next`.
  public static func solutionScript(_ lesson: Lesson) -> String {
    var out: [String] = []
    for (i, step) in lesson.steps.enumerated() {
      out.append("# Step \(i + 1): \(step.title)")
      for (_, q) in step.questions { out.append("answer \(q.answers[0])") }
      for c in step.solution { out.append(c.input == nil ? c.line : c.text) }
      out.append("check")
      if i + 1 < lesson.steps.count { out.append("next") }
    }
    return out.joined(separator: "\n") + "\n"
  }
}

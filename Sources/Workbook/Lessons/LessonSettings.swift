// LessonSettings: where a session reads lessons from and keeps progress.
import Foundation

public struct LessonSettings: Sendable {
  /// Lesson sources, first match winning (see `LessonCatalog.load`).
  public var sources: [[String]]
  /// The progress file; nil keeps progress in memory only.
  public var progressFile: String?
  /// With no progress file: the progress to start from, in memory (a replay of a transcript).
  public var initialProgress: ProgressFile?

  public init(sources: [[String]], progressFile: String?, initialProgress: ProgressFile? = nil) {
    self.sources = sources
    self.progressFile = progressFile
    self.initialProgress = initialProgress
  }

  /// `--lessons DIR`s, then `$KUBELAB_LESSONS`, then the shipped lessons; progress in
  /// `$XDG_DATA_HOME/kubelab/progress.json`.
  public static func standard(
    directories: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> LessonSettings {
    LessonSettings(
      sources: LessonLocations.search(flags: directories, environment: environment),
      progressFile: ProgressStore.defaultPath(environment: environment))
  }
}

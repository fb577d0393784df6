// LessonLocations: where lessons are found — `--lessons DIR`, `$KUBELAB_LESSONS`, and the lessons
// shipped in the package checkout the executable was built from.
import Foundation

public enum LessonLocations {
  /// Folders named in `KUBELAB_LESSONS` (separated by `:`).
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> [String]
  {
    guard let v = environment["KUBELAB_LESSONS"], !v.isEmpty else { return [] }
    return v.split(separator: ":").map(String.init).filter { !$0.isEmpty }
  }

  /// The shipped `lessons/` folder: found by walking up from the executable (resolving symlinks) to
  /// the package checkout it was built in (a folder with `Package.swift` and `lessons/`), or to an
  /// installation prefix with `share/kubelab/lessons`; failing both, the checkout this file was
  /// compiled from.
  public static func shipped(executable: String? = Bundle.main.executablePath) -> String? {
    let fm = FileManager.default
    func isDir(_ p: String) -> Bool {
      var d: ObjCBool = false
      return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }
    if let executable {
      var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
      for _ in 0..<8 {
        let lessons = dir.appendingPathComponent("lessons").path
        if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path), isDir(lessons) { return lessons }
        let installed = dir.appendingPathComponent("share/kubelab/lessons").path
        if isDir(installed) { return installed }
        if dir.path == "/" { break }
        dir = dir.deletingLastPathComponent()
      }
    }
    // Sources/Workbook/Lessons/LessonLocations.swift → the checkout.
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { root.deleteLastPathComponent() }
    let lessons = root.appendingPathComponent("lessons").path
    return isDir(lessons) ? lessons : nil
  }

  /// Where the console loads lessons from, first match winning: each `--lessons DIR`, then each
  /// folder of `KUBELAB_LESSONS`, then the shipped lessons.
  public static func search(
    flags: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: String? = Bundle.main.executablePath
  ) -> [[String]] {
    var sources = flags.map { [$0] } + fromEnvironment(environment).map { [$0] }
    if let s = shipped(executable: executable) { sources.append([s]) }
    return sources
  }
}

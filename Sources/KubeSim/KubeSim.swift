// KubeSim: a whole Kubernetes cluster simulated inside one process.
// See ARCHITECTURE.md for the map of modules and one tick's data flow.

/// The version of the simulation, recorded in transcripts.
public enum KubeLabVersion {
  public static let string = "0.1.0"
  /// The Kubernetes release whose behaviour the simulation follows.
  public static let kubernetes = "v1.32.0"
}

// ImageLocality: prefers nodes that already hold the pod's images, weighted by how widely each
// image has spread (upstream plugins/imagelocality).

extension Plugins {
  final class ImageLocality: Framework.ScorePlugin {
    let name = Plugins.imageLocality
    unowned let cache: SchedulerCache

    static let mb: Int64 = 1024 * 1024
    /// Upstream `minThreshold`: 23 MB — below it an image is not worth a preference.
    static let minThreshold: Int64 = 23 * mb
    /// Upstream `maxContainerThreshold`: 1000 MB per container.
    static let maxContainerThreshold: Int64 = 1000 * mb

    init(cache: SchedulerCache) { self.cache = cache }

    /// Upstream `Score`: the images of the init and app containers found on the node, each
    /// its size × (nodes having it / all nodes), scaled between the thresholds.
    func score(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> (
      Int64, Framework.Status
    ) {
      var sum: Int64 = 0
      if !node.imageSizes.isEmpty {
        let total = cache.numNodes
        for image in pod.images {
          if let size = node.imageSizes[image] {
            sum += Self.scaledImageScore(size: size, numNodes: cache.numNodes(withImage: image), totalNumNodes: total)
          }
        }
      }
      return (Self.calculatePriority(sum, numContainers: pod.images.count), .success)
    }

    var scoreExtensions: Framework.ScoreExtensions? { nil }

    /// Upstream `scaledImageScore`: the size, scaled by the share of nodes that have the image
    /// (so that one node holding a popular image does not attract every pod).
    static func scaledImageScore(size: Int64, numNodes: Int, totalNumNodes: Int) -> Int64 {
      let spread = Double(numNodes) / Double(totalNumNodes)
      return Int64(Double(size) * spread)
    }

    /// Upstream `calculatePriority`: clamp the sum to [23 MB, 1000 MB × containers] and scale to 0...100.
    ///
    /// Trace: one container, a 500 MB image on every node: 100 × (500 − 23) / (1000 − 23) = 48.
    static func calculatePriority(_ sumScores: Int64, numContainers: Int) -> Int64 {
      let maxThreshold = maxContainerThreshold * Int64(numContainers)
      var s = sumScores
      if s < minThreshold {
        s = minThreshold
      } else if s > maxThreshold {
        s = maxThreshold
      }
      return Framework.maxNodeScore * (s - minThreshold) / (maxThreshold - minThreshold)
    }
  }
}

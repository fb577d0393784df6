// Names: the in-tree plugins' names (upstream framework/plugins/names/names.go).

/// The scheduler's in-tree plugins, one file each, named as upstream.
enum Plugins {
  static let prioritySort = "PrioritySort"
  static let schedulingGates = "SchedulingGates"
  static let nodeUnschedulable = "NodeUnschedulable"
  static let nodeName = "NodeName"
  static let taintToleration = "TaintToleration"
  static let nodeAffinity = "NodeAffinity"
  static let nodePorts = "NodePorts"
  static let nodeResourcesFit = "NodeResourcesFit"
  static let defaultPreemption = "DefaultPreemption"
  static let nodeResourcesBalancedAllocation = "NodeResourcesBalancedAllocation"
  static let imageLocality = "ImageLocality"
  static let defaultBinder = "DefaultBinder"
}

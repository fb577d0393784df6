// RBACTables: printers.go's tables for roles, cluster roles and their bindings.
import KubeSim

enum RBACTables {
  static let role = TableGenerator(columns: [TableColumn("Name"), TableColumn("Created At")]) { o, _, _ in
    [o.metadata.name, o.metadata.creationTimestamp?.rfc3339 ?? "<unknown>"]
  }

  static let clusterRole = role

  static let roleBinding = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Role"), TableColumn("Age"), TableColumn("Users", priority: 1),
      TableColumn("Groups", priority: 1), TableColumn("ServiceAccounts", priority: 1),
    ]
  ) { o, wide, now in
    let (ref, subjects): (RoleRef, [Subject])
    if let b = o as? RoleBinding {
      (ref, subjects) = (b.roleRef, b.subjects)
    } else if let b = o as? ClusterRoleBinding {
      (ref, subjects) = (b.roleRef, b.subjects)
    } else {
      return []
    }
    var cells = [o.metadata.name, "\(ref.kind)/\(ref.name)", Cells.age(o, now)]
    if wide {
      let (users, groups, sas) = subjectStrings(subjects)
      cells += [users.joined(separator: ", "), groups.joined(separator: ", "), sas.joined(separator: ", ")]
    }
    return cells
  }

  static let clusterRoleBinding = roleBinding

  /// rbac `SubjectsStrings`: users, groups and `namespace/name` service accounts.
  static func subjectStrings(_ subjects: [Subject]) -> ([String], [String], [String]) {
    var users: [String] = []
    var groups: [String] = []
    var sas: [String] = []
    for s in subjects {
      switch s.kind {
      case "ServiceAccount": sas.append(s.namespace.isEmpty ? s.name : "\(s.namespace)/\(s.name)")
      case "User": users.append(s.name)
      case "Group": groups.append(s.name)
      default: break
      }
    }
    return (users, groups, sas)
  }
}

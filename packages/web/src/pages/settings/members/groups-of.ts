import type { Group, UserListItem } from '@gatehouse/client'

/** The groups `user` is directly a member of. */
export function groupsOf(user: UserListItem, groups: readonly Group[]): Group[] {
  return groups.filter((g) => g.member_users.includes(user.id))
}

import type { Role, SessionUser } from '@readingroom/platform-shim';
import type { JWTPayload } from 'jose';
import { isRole } from './identityConfig.js';

export interface ClaimMapping {
  /** A claim name or a dotted path into nested objects (`realm_access.roles`, `resource_access.readingroom.roles`). */
  roleClaim: string;
  roleMap: ReadonlyMap<string, Role>;
  nameClaim: string;
}

/**
 * The user a verified access token names: `sub` as the id, a display name, and the ReadingRoom
 * roles found in the role claim (a list or a space-separated string), translated by the role
 * map; values that are no ReadingRoom role are ignored, so a provider's other groups do no harm.
 */
export function mapClaimsToUser(claims: JWTPayload, mapping: ClaimMapping): SessionUser {
  const roles = new Set<Role>();
  for (const value of readRoleValues(readPath(claims, mapping.roleClaim))) {
    const role = mapping.roleMap.get(value) ?? (isRole(value) ? value : undefined);
    if (role) roles.add(role);
  }
  const name = [mapping.nameClaim, 'name', 'preferred_username'].map(claim => claims[claim]).find(v => typeof v === 'string' && v.length > 0);
  return { id: claims.sub!, displayName: (name as string | undefined) ?? claims.sub!, roles: [...roles].sort() };
}

function readPath(claims: JWTPayload, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function readRoleValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

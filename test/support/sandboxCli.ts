import { spawn } from "node:child_process"

/** Starts `docflow sandbox …` and resolves with its output lines once it printed its URLs. */
export const serveSandboxCli = (args: ReadonlyArray<string>) =>
  new Promise<{ lines: ReadonlyArray<string>; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/docflow.js", "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`no output in time: ${out}`))
    }, 45_000)
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      if (out.includes("_sandbox/writes")) {
        clearTimeout(timer)
        resolve({ lines: out.trim().split("\n"), stop: () => child.kill("SIGINT") })
      }
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code}: ${out}`))
    })
  })

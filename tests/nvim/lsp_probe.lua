-- nvim --headless --clean -u NONE -c "luafile lsp_probe.lua" FILE
-- env: LSP_CMD (server command, space separated), OUT (result file),
--      HOVER_LINE / HOVER_CHAR (0-based position to hover).
-- Works with Neovim 0.7 (vim.lsp.start_client; vim.lsp.start arrived in 0.8).
local out_path = os.getenv("OUT") or "/tmp/lsp_out.txt"
local cmd = vim.split(os.getenv("LSP_CMD") or "adder lsp", " ", { trimempty = true })
local lines = {}
local function log(s) table.insert(lines, s) end
local function finish(code)
  vim.fn.writefile(lines, out_path)
  vim.cmd((code == 0) and "qall!" or ("cquit " .. code))
end
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "adder", cmd = cmd, root_dir = vim.fn.getcwd(),
  on_exit = function(code, signal) log("server exited code=" .. code .. " signal=" .. signal) end,
})
if not client_id then log("start_client failed"); finish(2) end
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(15000, function()
  local c = vim.lsp.get_client_by_id(client_id); return c ~= nil and c.initialized end, 50)
log("initialized=" .. tostring(ok)); if not ok then finish(3) end
ok = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
log("diagnostics_received=" .. tostring(ok))
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  log(string.format("DIAG %d:%d sev=%d %s", d.lnum + 1, d.col + 1, d.severity, d.message))
end
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = tonumber(os.getenv("HOVER_LINE") or "0"), character = tonumber(os.getenv("HOVER_CHAR") or "0") } }
local resp = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 10000)
if not resp then log("hover: timeout") else
  for _, r in pairs(resp) do
    if r.err then log("hover error: " .. vim.inspect(r.err))
    elseif r.result then log("HOVER " .. table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.result.contents), "\\n"))
    else log("hover: null result") end
  end
end
finish(0)

-- Drives `specgate lsp` from Neovim 0.7 (Debian 12's), a client without file watching
-- or vim.lsp.start; run by crates/specgate-cli/tests/neovim.rs. Writes what it saw to
-- $SG_OUT as JSON. Its code-action context carries diagnostics without `range`.
local bin, dir, out = os.getenv('SG_BIN'), os.getenv('SG_DIR'), os.getenv('SG_OUT')
local res = {}
local function finish()
  local f = io.open(out, 'w'); f:write(vim.json.encode(res)); f:close()
  vim.cmd('qa!')
end
vim.cmd('edit ' .. dir .. '/spec.md')
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'specgate', cmd = { bin, 'lsp' }, root_dir = dir })
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)
local function codes()
  local c = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do c[#c + 1] = d.code end
  table.sort(c)
  return c
end
local function has(code) return vim.tbl_contains(codes(), code) end
local ok, err = pcall(function()
  res.attached = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  res.codes = codes()
  local d302
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'SG302' then d302 = d end end
  local r = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d302.lnum, character = d302.col }, ['end'] = { line = d302.end_lnum, character = d302.end_col } },
    context = { diagnostics = { d302.user_data.lsp } },
  }, 5000, buf)
  local action
  for _, a in ipairs(r.result or {}) do if a.title:find('%(safe%)') then action = a end end
  res.action = action and action.title
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  res.sg302_gone = vim.wait(5000, function() return not has('SG302') end, 20)
  res.sg301_before = has('SG301')
  vim.cmd('split ' .. dir .. '/specgate.toml')
  local tb = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(tb, id)
  vim.api.nvim_buf_set_lines(tb, 0, -1, false, { 'ignore = ["SG301"]' })
  vim.cmd('write')
  res.sg301_gone = vim.wait(10000, function() return not has('SG301') end, 20)
end)
res.ok, res.err = ok, err and tostring(err)
finish()

-- Drives `specgate lsp` from a real Neovim (headless, built-in client); run by
-- crates/specgate-cli/tests/neovim.rs. Writes what it saw to $SG_OUT as JSON.
-- The completion is Neovim's own (`vim.lsp.completion`, accepted with <C-y> in
-- Insert mode), so what it inserts is what a user gets.
local bin, dir, out = os.getenv('SG_BIN'), os.getenv('SG_DIR'), os.getenv('SG_OUT')
local res = {}
local function finish()
  local f = io.open(out, 'w'); f:write(vim.json.encode(res)); f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. dir .. '/spec.md')
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start({ name = 'specgate', cmd = { bin, 'lsp' }, root_dir = dir })
local client = vim.lsp.get_client_by_id(id)
local function codes()
  local c = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do c[#c + 1] = d.code end
  table.sort(c)
  return c
end
local function has(code)
  return vim.tbl_contains(codes(), code)
end

-- Steps that need the event loop between them (Insert mode, the completion menu).
local last
local steps = {
  function()
    res.attached = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
    res.codes = codes()
    -- A quick fix for SG302, applied as the client applies a code action.
    local d302
    for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'SG302' then d302 = d end end
    local r = client:request_sync('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = d302.lnum, character = d302.col },
                ['end'] = { line = d302.end_lnum, character = d302.end_col } },
      context = { diagnostics = { d302.user_data.lsp } },
    }, 5000, buf)
    local action
    for _, a in ipairs(r.result or {}) do
      if a.title:find('%(safe%)') then action = a end
    end
    res.action = action and action.title
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    res.fixed_line = vim.api.nvim_buf_get_lines(buf, d302.lnum, d302.lnum + 1, false)[1]
    res.sg302_gone = vim.wait(5000, function() return not has('SG302') end, 20)
    -- Type `## Sco` at the end, in Insert mode.
    vim.lsp.completion.enable(true, id, buf, { autotrigger = false })
    vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '## Sco' })
    last = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_win_set_cursor(0, { last, 6 })
    vim.cmd('startinsert!')
  end,
  function()
    vim.lsp.completion.get()
  end,
  function()
    res.menu = vim.fn.pumvisible() == 1
    local info = vim.fn.complete_info({ 'items', 'selected' })
    res.words = vim.tbl_map(function(i) return i.word end, info.items or {})
    local keys = info.selected == -1 and '<C-n><C-y>' or '<C-y>'
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'n', false)
  end,
  function()
    vim.cmd('stopinsert')
  end,
  function()
    res.completed = vim.api.nvim_buf_get_lines(buf, last - 1, last, false)[1]
    -- The config, edited and saved in the editor: SG301 goes away.
    res.sg301_before = has('SG301')
    vim.cmd('split ' .. dir .. '/specgate.toml')
    local tb = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(tb, id)
    vim.api.nvim_buf_set_lines(tb, 0, -1, false, { 'ignore = ["SG301"]' })
    vim.cmd('write')
    res.sg301_gone = vim.wait(10000, function() return not has('SG301') end, 20)
    res.ok = true
    finish()
  end,
}
local i = 0
local function next_step()
  i = i + 1
  if not steps[i] then return end
  local ok, err = pcall(steps[i])
  if not ok then
    res.ok, res.err = false, tostring(err)
    return finish()
  end
  vim.defer_fn(next_step, 300)
end
vim.defer_fn(next_step, 50)
-- Never hang: give up after 60 s.
vim.defer_fn(function() res.err = 'timed out'; finish() end, 60000)

"""Sign-in, roles, users, audit log, account."""

STRINGS = {
    "auth.sign_in": ("Sign in", "登录"),
    "auth.no_admin": (
        "This database has no admin yet ({path}). If it should hold your data, check the server's PORTAL_DB "
        "setting; otherwise create the first admin on the server: python -m portal create-admin --username NAME",
        "该数据库尚无管理员({path})。若它应包含您的数据，请检查服务器的 PORTAL_DB 设置；否则请在服务器上创建第一个管理员："
        "python -m portal create-admin --username 用户名",
    ),
    "auth.sign_out": ("Sign out", "退出登录"),
    "auth.username": ("Username", "用户名"),
    "auth.password": ("Password", "密码"),
    "auth.enter_both": ("Enter your username and password.", "请输入用户名和密码。"),
    "auth.failed": ("Wrong username or password.", "用户名或密码错误。"),
    "auth.locked": (
        "Too many failed attempts: sign-in for this account is locked for {minutes} minutes. "
        "Try again later or ask an admin.",
        "失败次数过多：该账户已被锁定{minutes}分钟。请稍后再试或联系管理员。",
    ),
    "auth.session_ended": (
        "Your session has ended (signed out elsewhere, or your password, roles or access changed). "
        "Sign in again.",
        "您的会话已结束(已在别处退出登录，或密码、角色、访问范围已更改)。请重新登录。",
    ),
    "auth.signed_in_as": ("Signed in as {name} ({roles})", "当前用户：{name}({roles})"),
    "auth.finishing_sign_in": ("Finishing sign-in…", "正在完成登录…"),
    "auth.demo_hint": (
        "Demo data: the demo users and their passwords are listed in the README and printed by `make run`.",
        "演示数据：演示用户及密码见 README，并由 `make run` 打印。",
    ),
    "auth.no_cookie_key": (
        "The portal needs a cookie signing key of at least 32 characters before anyone can sign in. "
        "Set the environment variable PORTAL_COOKIE_KEY or `cookie_key` in .streamlit/secrets.toml, then restart:",
        "登录前须配置至少32个字符的 Cookie 签名密钥。请设置环境变量 PORTAL_COOKIE_KEY 或在 "
        ".streamlit/secrets.toml 中设置 `cookie_key`，然后重启：",
    ),
    "users.err.manager_scope": (
        "A manager needs a region, stores, or “Whole chain” under Region: choose which they see.",
        "经理需要在“区域”中选择一个区域、若干门店或“全部门店”：请选择其可查看的范围。",
    ),
    "users.err.chain_and_stores": (
        "“Whole chain” already covers every store: clear the stores, or choose a region instead.",
        "“全部门店”已包含所有门店：请清空所选门店，或改选一个区域。",
    ),
    "users.err.password_blank": ("The password cannot be only spaces.", "密码不能全部是空格。"),
    "users.err.password_common": (
        "This password is among the first ones anyone would guess; choose another.",
        "该密码属于最常被猜到的密码之一，请另选一个。",
    ),
    "users.err.password_username": ("The password cannot be the user name.", "密码不能与用户名相同。"),
    "users.err.password_short": (
        "The password must have at least {n} characters.",
        "密码至少需要 {n} 个字符。",
    ),
    "users.err.password_long": ("The password must be at most 72 bytes long.", "密码最长72字节。"),
    "users.err.no_role": ("Choose at least one role.", "请至少选择一个角色。"),
    "users.err.unknown_role": (
        "Not a role: {roles}. Roles are {known}.",
        "未知角色：{roles}。可用角色：{known}。",
    ),
    "users.err.bad_username": (
        "A username is letters, digits, '.', '-' or '_' (no spaces).",
        "用户名只能包含字母、数字、'.'、'-' 或 '_'(不能有空格)。",
    ),
    "users.err.agent_needs_agent": (
        "An agent user must be linked to an agent.",
        "客服专员账户必须关联一名客服专员。",
    ),
    "users.err.agent_alone": (
        "An agent user has the Agent role only: they see their own rows, which no other role's scope can hold "
        "in the same account. Give the other role to a separate user.",
        "客服专员账户只能有“客服专员”一个角色：其只能查看本人数据，同一账户无法同时具有其他角色的数据范围。"
        "请为其他角色另建用户。",
    ),
    "users.err.inspector_needs_store": (
        "An inspector must be given at least one store.",
        "检查员至少需要分配一家门店。",
    ),
    "users.err.region_unused": (
        "Only managers and team leads are given a region: an inspector sees their stores, an agent their own "
        "rows. Clear the Region (choose stores for an inspector).",
        "只有经理和班组长可分配区域：检查员查看其门店，客服专员查看本人数据。请清空“区域”(检查员请选择门店)。",
    ),
    "users.err.admin_scope": (
        "An admin sees everything: a region, stores, a team or an agent mean nothing on an admin. Clear the Region, "
        "Stores, Team and Agent (give another role's scope to a separate user).",
        "管理员可查看全部数据：区域、门店、班组或客服专员对管理员没有意义。请清空“区域”“门店”“班组”和“客服专员”"
        "(其他角色的数据范围请另建用户)。",
    ),
    "users.err.stores_unused": (
        "Only managers, team leads and inspectors are given stores: an agent sees their own rows. Clear the Stores.",
        "只有经理、班组长和检查员可分配门店：客服专员查看本人数据。请清空“门店”。",
    ),
    "users.err.team_unused": (
        "Only team leads are given a team: a manager sees the agents of their region, an inspector their stores, an "
        "agent their own rows. Clear the Team.",
        "只有班组长可分配班组：经理查看其区域的客服专员，检查员查看其门店，客服专员查看本人数据。请清空“班组”。",
    ),
    "users.err.agent_unused": (
        "Only an agent user is linked to an agent: the other roles see a region, stores or a team. Clear the Agent.",
        "只有客服专员账户可关联客服专员：其他角色按区域、门店或班组查看数据。请清空“客服专员”。",
    ),
    "users.err.lead_needs_team": ("A team lead must be given a team.", "班组长必须分配一个班组。"),
    "users.err.taken": ("The username {name} is taken.", "用户名 {name} 已被占用。"),
    "users.err.cannot_change": ("These fields cannot be changed: {fields}.", "以下字段不能修改：{fields}。"),
    "users.err.no_user": ("There is no user {name}.", "不存在用户 {name}。"),
    "users.err.wrong_current": ("The current password is wrong.", "当前密码错误。"),
    "role.admin": ("Admin", "管理员"),
    "role.manager": ("Manager", "经理"),
    "role.team_lead": ("Team lead", "班组长"),
    "role.inspector": ("Inspector", "检查员"),
    "role.agent": ("Agent", "客服专员"),
    # account page
    "page.account": ("My account", "我的账户"),
    "account.change_password": ("Change password", "修改密码"),
    "account.current_password": ("Current password", "当前密码"),
    "account.new_password": ("New password", "新密码"),
    "account.repeat_password": ("Repeat the new password", "再次输入新密码"),
    "account.mismatch": ("The two new passwords differ.", "两次输入的新密码不一致。"),
    "account.changed": ("Your password is changed.", "密码已修改。"),
    "account.your_roles": ("Your roles: {roles}", "您的角色：{roles}"),
    "account.your_scope": ("You see {n:,} stores.", "您可查看 {n:,} 家门店。"),
    "account.your_scope.one": ("You see 1 store.", "您可查看 1 家门店。"),
    "account.your_scope.none": (
        "You see no store yet: ask an admin for your scope.",
        "您暂无可查看的门店：请联系管理员设置权限范围。",
    ),
    "account.your_scope_all": ("You see the whole chain.", "您可查看全部门店。"),
    "account.your_scope_agent": (
        "Your own scorecard, with the QA reviews behind it, is on the My scorecard page.",
        "本人的绩效记分卡及其所依据的质检评分，请在“我的绩效记分卡”页面查看。",
    ),
    # users page
    "page.users": ("Users", "用户管理"),
    "users.caption": (
        "Add users, set their roles and scope, reset passwords, deactivate accounts.",
        "添加用户、设置角色和数据范围、重置密码、停用账户。",
    ),
    "users.add": ("Add a user", "添加用户"),
    "users.display_name": ("Display name", "显示名称"),
    "users.email": ("E-mail", "电子邮件"),
    "users.roles": ("Roles", "角色"),
    "users.scope_region": (
        "Region (managers, team leads; a chain-wide manager: Whole chain)",
        "区域(经理、班组长；全公司范围的经理：全部门店)",
    ),
    "users.scope_stores": ("Stores (inspectors, store managers)", "门店(检查员、门店经理)"),
    "users.scope_team": ("Team (team leads)", "班组(班组长)"),
    "users.agent": ("Agent (agent users)", "客服专员(专员账户)"),
    "users.initial_password": ("Initial password", "初始密码"),
    "users.created": ("User {name} created.", "已创建用户 {name}。"),
    "users.edit": ("Change a user", "修改用户"),
    "users.pick": ("User", "用户"),
    "users.active": ("Active", "启用"),
    "users.save": ("Save changes", "保存修改"),
    "users.saved": ("Saved.", "已保存。"),
    "users.reset_password": ("Reset password", "重置密码"),
    "users.reset_done": ("Password reset for {name}.", "已重置 {name} 的密码。"),
    "users.locked_until": ("Locked until", "锁定至"),
    "users.last_login": ("Last sign-in", "最近登录"),
    "users.col.locked_until": ("Locked until ({zone})", "锁定至({zone})"),
    "users.col.last_login": ("Last sign-in ({zone})", "最近登录({zone})"),
    "users.choose": ("Choose…", "请选择…"),
    "users.none": ("—", "—"),
    "users.whole_chain": ("Whole chain (every store; managers)", "全部门店(所有门店；经理)"),
    "users.team": ("Team", "班组"),
    "users.agent_code": ("Agent", "客服专员"),
    "users.cannot_remove_last_admin": (
        "The last active admin cannot be deactivated or lose the admin role.",
        "不能停用最后一名管理员或取消其管理员角色。",
    ),
    # audit log page
    "page.audit_log": ("Audit log", "操作日志"),
    "audit.caption": (
        "Every sign-in, failed sign-in, lockout, upload, undo, settings and user change.",
        "所有登录、登录失败、锁定、上传、撤销、设置和用户变更记录。",
    ),
    "audit.action": ("Action", "操作"),
    "audit.user": ("User", "用户"),
    "audit.when": ("When (UTC)", "时间(UTC)"),
    "audit.target": ("Target", "对象"),
    "audit.details": ("Details", "详情"),
    "audit.empty": ("No entries for these filters.", "当前筛选条件下没有记录。"),
    "audit.rows": (
        "{n:,} entries (newest first, at most 5,000 shown)",
        "共 {n:,} 条(最新在前，最多显示5,000条)",
    ),
    "audit.action.login": ("sign-in", "登录"),
    "audit.action.login_failed": ("failed sign-in", "登录失败"),
    "audit.action.lockout": ("lockout", "账户锁定"),
    "audit.action.logout": ("sign-out", "退出登录"),
    "audit.action.upload": ("upload", "上传"),
    "audit.action.undo": ("undo", "撤销"),
    "audit.action.settings": ("settings change", "设置变更"),
    "audit.action.user_change": ("user change", "用户变更"),
    "audit.action.password_change": ("password change", "密码修改"),
}

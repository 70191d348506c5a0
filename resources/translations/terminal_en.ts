<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="81"/>
        <source>第一位管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="82"/>
        <source>密码至少8位，须包含字母和数字。</source>
        <translation>At least 8 characters, with letters and digits.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="88"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="89"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="90"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="91"/>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="98"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AgencyPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="41"/>
        <source>机构登记信息</source>
        <translation>Agency registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="42"/>
        <source>请按营业执照或民办非企业单位登记证书填写。</source>
        <translation>As on the business licence or civil non-enterprise registration.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="46"/>
        <source>营业执照</source>
        <translation>Business licence</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="47"/>
        <source>民办非企业单位登记证书</source>
        <translation>Civil non-enterprise registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="51"/>
        <source>机构名称</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="52"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="54"/>
        <source>证照类型</source>
        <translation>Licence kind</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="55"/>
        <source>证照编号</source>
        <translation>Licence no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="56"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="57"/>
        <source>经营地址</source>
        <translation>Business address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="58"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="83"/>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="84"/>
        <source>与中心同步</source>
        <translation>Sync with the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="85"/>
        <source>今日工作</source>
        <translation>Today's work</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="86"/>
        <source>提醒（30天内到期）</source>
        <translation>Alerts (expiring within 30 days)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="88"/>
        <source>今日登记</source>
        <translation>Registered today</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="88"/>
        <source>待审核</source>
        <translation>To approve</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="88"/>
        <source>待打印</source>
        <translation>To print</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="89"/>
        <source>待发放</source>
        <translation>To hand over</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="89"/>
        <source>登记人员总数</source>
        <translation>Workers registered</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="90"/>
        <source>体检到期</source>
        <translation>Health checks expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="90"/>
        <source>保险到期</source>
        <translation>Insurance expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="91"/>
        <source>证件到期</source>
        <translation>Credentials expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="95"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="123"/>
        <source>未选择读卡器</source>
        <translation>No reader chosen</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="127"/>
        <source>故障：</source>
        <translation>Fault: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="130"/>
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="132"/>
        <source>就绪，请放置证件</source>
        <translation>Ready: place the card</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="145"/>
        <source>离线工作（未设置服务器地址）</source>
        <translation>Working offline (no server address)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="147"/>
        <source>离线：无法连接中心，数据已保存在本机</source>
        <translation>Offline: the centre is unreachable; data is saved on this PC</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="149"/>
        <source>同步出错：</source>
        <translation>Sync error: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="151"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <location filename="../../terminal/ui/home_page.py" line="153"/>
        <source>待上传：%n 条</source>
        <translation>
            <numerusform>Waiting to upload: %n</numerusform>
            <numerusform>Waiting to upload: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="155"/>
        <source>上次成功：</source>
        <translation>Last success: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="155"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>IdentityPanel</name>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="79"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="79"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="79"/>
        <source>民族/国籍</source>
        <translation>Ethnicity / nationality</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="80"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="80"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="80"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="81"/>
        <source>签发机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="81"/>
        <source>有效期限</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="81"/>
        <source>证件类型</source>
        <translation>Card type</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="84"/>
        <source>从文件选择照片…</source>
        <translation>Photo from file…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="85"/>
        <source>打开已登记的档案(&amp;O)</source>
        <translation>&amp;Open the existing record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="102"/>
        <source>请将身份证放在读卡器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="103"/>
        <source>已读取证件，可以继续填写资料</source>
        <translation>Card read: continue with the profile</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="144"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="159"/>
        <source>证件没有照片</source>
        <translation>The card has no photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="162"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="163"/>
        <source>图片 (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="176"/>
        <source>已填写的资料不会丢失。</source>
        <translation>What you typed is kept.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="185"/>
        <source>该人员已在本机构登记，请打开其档案。</source>
        <translation>Already registered at this agency: open the record.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="188"/>
        <source>校验通过：证件有效，号码校验位正确，年龄 %1 岁。</source>
        <translation>Checks passed: card valid, check digit correct, age %1.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="101"/>
        <source>上门服务证登记终端</source>
        <translation>Home-service credential terminal</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="102"/>
        <source>工作(&amp;W)</source>
        <translation>&amp;Work</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="103"/>
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="104"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="104"/>
        <source>登记人员</source>
        <translation>Register a worker</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="104"/>
        <source>查找人员</source>
        <translation>Find workers</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="105"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="105"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="153"/>
        <source>手机号码(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="153"/>
        <source>现住址(&amp;A)</source>
        <translation>Current &amp;address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="153"/>
        <source>居住证号</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154"/>
        <source>服务类型(&amp;T)</source>
        <translation>Service &amp;types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154"/>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154"/>
        <source>技能证书</source>
        <translation>Skill certificate</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155"/>
        <source>体检日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156"/>
        <location filename="../../terminal/ui/profile_form.py" line="208"/>
        <source>体检机构</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156"/>
        <location filename="../../terminal/ui/profile_form.py" line="213"/>
        <source>保险公司</source>
        <translation>Insurer</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156"/>
        <location filename="../../terminal/ui/profile_form.py" line="214"/>
        <source>保单号</source>
        <translation>Policy number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="157"/>
        <source>起保日期</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="157"/>
        <source>终止日期</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="166"/>
        <source>健康体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="167"/>
        <location filename="../../terminal/ui/profile_form.py" line="215"/>
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="168"/>
        <source>本人同意个人信息处理（已签署同意书）</source>
        <translation>Consents to personal information processing (signed)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="169"/>
        <source>已签署《从业承诺书》</source>
        <translation>Signed the employment commitment letter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="170"/>
        <source>已签署《信用信息授权书》</source>
        <translation>Signed the credit authorisation letter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="200"/>
        <source>至少选择一种服务类型</source>
        <translation>choose at least one service type</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="204"/>
        <source>须取得本人对个人信息处理的同意</source>
        <translation>the holder's consent to personal information processing is required</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="209"/>
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="219"/>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
</context>
<context>
    <name>ReaderPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="106"/>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="109"/>
        <source>虚拟读卡器（仅用于演示和培训，读取的数据标记为模拟）</source>
        <translation>Virtual reader (demo and training only; reads are marked simulated)</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../terminal/ui/unlock.py" line="23"/>
        <source>输入恢复密钥</source>
        <translation>Enter the recovery key</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/unlock.py" line="25"/>
        <source>本机找不到解锁数据库的密钥。请输入初始化时抄写的恢复密钥（32位，可含短横线）。</source>
        <translation>This PC has no key to unlock the database. Enter the recovery key written down at set-up (32 characters, dashes allowed).</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="150"/>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="153"/>
        <source>正在创建数据文件夹…</source>
        <translation>Creating the data folder…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="162"/>
        <source>请输入恢复密钥的最后4位以确认已抄写：</source>
        <translation>Type the last 4 characters of the recovery key to confirm you wrote it down:</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="171"/>
        <source>数据文件夹已创建。恢复密钥只显示这一次：请抄写在纸上，交管理员离线保管。本机密钥丢失时，只能用它打开数据。</source>
        <translation>The data folder is ready. The recovery key is shown only this once: write it on paper for the administrator to keep offline. If this PC's key is lost, only it opens the data.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="179"/>
        <source>请返回上一步修改后重试。</source>
        <translation>Go back, correct it and try again.</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="87"/>
        <source>保存登记(&amp;S)</source>
        <translation>&amp;Save registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="88"/>
        <source>申请上门服务证(&amp;Y)</source>
        <translation>Appl&amp;y for the credential</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="89"/>
        <source>登记下一位(&amp;N)</source>
        <translation>&amp;Next registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="129"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="135"/>
        <source>登记已保存。可以申请上门服务证。</source>
        <translation>Registration saved. You can apply for the credential.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="159"/>
        <source>已提交证件申请，编号 %1，等待审核。</source>
        <translation>Credential applied for, number %1, waiting for approval.</translation>
    </message>
</context>
<context>
    <name>ScanPicker</name>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="35"/>
        <source>选择扫描件…</source>
        <translation>Choose scan…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="36"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="37"/>
        <source>（未添加扫描件）</source>
        <translation>(no scan added)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="45"/>
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="46"/>
        <source>图片或PDF (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pdf)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pdf)</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="137"/>
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="138"/>
        <source>可以留空，先离线工作；以后在设置中填写。</source>
        <translation>May stay empty to work offline; fill it in later in the settings.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="142"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="191"/>
        <source>首次设置</source>
        <translation>First-time set-up</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../terminal/ui/signin.py" line="63"/>
        <source>已锁定，请重新登录</source>
        <translation>Locked: sign in again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="63"/>
        <source>上门服务证登记终端</source>
        <translation>Home-service credential terminal</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="64"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="65"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="66"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>WorkerPage</name>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="101"/>
        <source>基本资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="101"/>
        <source>证件</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="101"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="101"/>
        <source>服务合同</source>
        <translation>Service contracts</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="101"/>
        <source>服务评价</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="102"/>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="102"/>
        <source>信用记录</source>
        <translation>Credit records</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="102"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="105"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="105"/>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="105"/>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="106"/>
        <source>居住证号</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="106"/>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="106"/>
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="107"/>
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="107"/>
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="107"/>
        <source>中心核查</source>
        <translation>Central check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110"/>
        <source>显示完整证件号（将记录审计）</source>
        <translation>Show full ID number (audited)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="157"/>
        <source>未核查</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="164"/>
        <source>无需上传</source>
        <translation>not uploaded</translation>
    </message>
</context>
<context>
    <name>WorkerTableModel</name>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="43"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="43"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="43"/>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="43"/>
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="43"/>
        <source>证件编号</source>
        <translation>Credential no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44"/>
        <source>证件状态</source>
        <translation>Credential state</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="56"/>
        <source>未申请</source>
        <translation>None applied</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="60"/>
        <source>模拟</source>
        <translation>simulated</translation>
    </message>
</context>
<context>
    <name>WorkersPage</name>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="108"/>
        <source>搜索：姓名、拼音、证件号后几位、证件编号、手机号</source>
        <translation>Search: name, pinyin, ID number ending, credential number, phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="113"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="114"/>
        <source>未申请</source>
        <translation>None applied</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="118"/>
        <source>全部服务类型</source>
        <translation>All service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="158"/>
        <source>找到 %1 人（最多显示 200 人）</source>
        <translation>Found %1 (showing up to 200)</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../terminal/ui/crash.py" line="78"/>
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="79"/>
        <source>程序出现意外错误，已保存错误报告（不含个人信息）：
{0}
请把该文件发给技术支持。已保存的数据不受影响。</source>
        <translation>An unexpected error occurred. An error report (no personal data) was saved:
{0}
Please send it to support. Saved data is not affected.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="89"/>
        <source>上次运行的错误报告</source>
        <translation>Error report from the last run</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="90"/>
        <source>上次运行时程序出错，错误报告保存在：
{0}
请发给技术支持。</source>
        <translation>The program failed last time; the error report is in:
{0}
Please send it to support.</translation>
    </message>
</context>
<context>
    <name>feedback</name>
    <message>
        <location filename="../../terminal/ui/feedback.py" line="40"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../terminal/ui/virtual_reader_menu.py" line="12"/>
        <source>虚拟读卡器（演示）</source>
        <translation>Virtual reader (demo)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/virtual_reader_menu.py" line="20"/>
        <source>拿开证件</source>
        <translation>Take the card away</translation>
    </message>
</context>
</TS>

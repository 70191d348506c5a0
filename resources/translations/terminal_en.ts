<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="82" />
        <source>第一位管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="83" />
        <source>密码至少8位，须包含字母和数字。</source>
        <translation>At least 8 characters, with letters and digits.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="89" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="90" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="91" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="92" />
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="99" />
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AgencyPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="42" />
        <source>机构登记信息</source>
        <translation>Agency registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="43" />
        <source>请按营业执照或民办非企业单位登记证书填写。</source>
        <translation>As on the business licence or civil non-enterprise registration.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="47" />
        <source>营业执照</source>
        <translation>Business licence</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="48" />
        <source>民办非企业单位登记证书</source>
        <translation>Civil non-enterprise registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="52" />
        <source>机构名称</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="53" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="55" />
        <source>证照类型</source>
        <translation>Licence kind</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="56" />
        <source>证照编号</source>
        <translation>Licence no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="57" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="58" />
        <source>经营地址</source>
        <translation>Business address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="59" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../terminal/ui/camera.py" line="95" />
        <source>拍照</source>
        <translation>Take a picture</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="96" />
        <source>拍照(&amp;P)</source>
        <translation>Take the &amp;picture</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="97" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="99" />
        <source>未发现摄像头，请从文件选择。</source>
        <translation>No camera found: choose a file instead.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="116" />
        <source>拍照失败，请重试。</source>
        <translation>Taking the picture failed; try again.</translation>
    </message>
</context>
<context>
    <name>CredentialActions</name>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="51" />
        <source>申请证件</source>
        <translation>Apply for credential</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="52" />
        <source>补证（遗失/损坏）</source>
        <translation>Reprint (lost/damaged)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="52" />
        <source>暂停</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="52" />
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="53" />
        <source>注销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="53" />
        <source>续期</source>
        <translation>Renew</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credential_actions.py" line="88" />
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>注销证件 %1</source>
        <translation>Revoke credential %1</translation>
    </message>
    <message>
        <source>注销不可撤销：证件 %1 将永久作废，持证人手中的证卡扫码核验即显示“已注销”，不能恢复、不能补证，只能重新申请新证。如只需暂时停止使用，请改用“暂停”。</source>
        <translation>Revoking cannot be undone: credential %1 becomes void for good, scanning the holder's card will show 'revoked', and it cannot be resumed or reprinted; only a new application can follow. To stop it for a while, suspend it instead.</translation>
    </message>
    <message>
        <source>注销原因（必填）</source>
        <translation>Reason for revoking (required)</translation>
    </message>
    <message>
        <source>再次确认：输入证件号</source>
        <translation>Confirm: type the credential number</translation>
    </message>
    <message>
        <source>确认注销</source>
        <translation>Revoke for good</translation>
    </message>
    <message>
        <source>请输入证件号 %1 以确认注销；注销后不能恢复。</source>
        <translation>Type the credential number %1 to confirm; a revoked credential cannot be restored.</translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="109" />
        <source>待审核</source>
        <translation>To approve</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="109" />
        <source>待打印</source>
        <translation>To print</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="109" />
        <source>待发放</source>
        <translation>To hand over</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="111" />
        <source>全选</source>
        <translation>Tick all</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="112" />
        <source>审核通过所选</source>
        <translation>Approve ticked</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="113" />
        <source>发证（持证人刷身份证确认）</source>
        <translation>Issue (holder taps the ID card)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="114" />
        <source>取消发证</source>
        <translation>Cancel issue</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="115" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="133" />
        <source>证件号</source>
        <translation>Credential no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="133" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="133" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="133" />
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="133" />
        <source>申请时间</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="134" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="134" />
        <source>发证尚缺</source>
        <translation>Missing for issue</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="190" />
        <source>请先勾选要审核的申请</source>
        <translation>Tick the applications to approve first</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="198" />
        <source>已审核通过 %1 份，未通过 %2 份</source>
        <translation>Approved %1, refused %2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="201" />
        <source>部分申请未通过审核</source>
        <translation>Some applications were not approved</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="212" />
        <source>已打印 %1 张</source>
        <translation>Printed %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="216" />
        <source>打印失败，证件仍在待打印：</source>
        <translation>Printing failed; the credential still waits for printing: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="225" />
        <source>请先选择要发放的证件</source>
        <translation>Choose the credential to hand over first</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="228" />
        <source>请 %1 将本人身份证放在读卡器上，确认领取证件 %2</source>
        <translation>%1: place your ID card on the reader to confirm receipt of credential %2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="250" />
        <source>证件 %1 已发放（第 %2 版）</source>
        <translation>Credential %1 issued (version %2)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/credentials_page.py" line="257" />
        <source>未发证：</source>
        <translation>Not issued: </translation>
    </message>
    <message>
        <source>退回补正…</source>
        <translation>Return for correction…</translation>
    </message>
    <message>
        <source>补正后重新提交</source>
        <translation>Hand in again after correction</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>尚缺条件</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>审核通过所选的 %1 份申请？</source>
        <translation>Approve the %1 ticked applications?</translation>
    </message>
    <message>
        <source>其中 %1 份尚缺发证条件，不会通过，将列出原因。</source>
        <translation>%1 of them lack an issuing condition: they will not be approved and the reasons will be listed.</translation>
    </message>
    <message>
        <source>确认审核</source>
        <translation>Confirm approval</translation>
    </message>
    <message>
        <source>审核通过 %1 份</source>
        <translation>Approve %1</translation>
    </message>
    <message>
        <source>请先选择要退回的申请</source>
        <translation>First select the application to return</translation>
    </message>
    <message>
        <source>退回申请 %1（%2）</source>
        <translation>Return application %1 (%2)</translation>
    </message>
    <message>
        <source>申请将退回登记员的“已退回”列表，登记员补正后重新提交，再回到待审核。</source>
        <translation>The application goes to the clerk's 'Returned' list; once the clerk corrects it and hands it in again, it comes back for approval.</translation>
    </message>
    <message>
        <source>退回原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>申请 %1 已退回登记员</source>
        <translation>Application %1 was returned to the clerk</translation>
    </message>
    <message>
        <source>请先选择要重新提交的申请</source>
        <translation>First select the application to hand in again</translation>
    </message>
    <message>
        <source>申请 %1 已重新提交审核</source>
        <translation>Application %1 was handed in again for approval</translation>
    </message>
    <message>
        <source>请 %1 将本人身份证放在读卡器上，确认领取证件 %2；请核对右侧照片与本人相符</source>
        <translation>%1: place your own ID card on the reader to confirm receipt of credential %2. Check that the photo on the right is this person.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="95" />
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="96" />
        <source>与中心同步</source>
        <translation>Sync with the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="97" />
        <source>今日工作</source>
        <translation>Today's work</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="98" />
        <source>提醒（30天内到期）</source>
        <translation>Alerts (expiring within 30 days)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="100" />
        <source>今日登记</source>
        <translation>Registered today</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="100" />
        <source>待审核</source>
        <translation>To approve</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="100" />
        <source>待打印</source>
        <translation>To print</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="101" />
        <source>待发放</source>
        <translation>To hand over</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="101" />
        <source>登记人员总数</source>
        <translation>Workers registered</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="102" />
        <source>体检到期</source>
        <translation>Health checks expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="102" />
        <source>保险到期</source>
        <translation>Insurance expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="103" />
        <source>证件到期</source>
        <translation>Credentials expiring</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="107" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="109" />
        <source>打开队列 →</source>
        <translation>Open queue →</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="133" />
        <source>未选择读卡器</source>
        <translation>No reader chosen</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="137" />
        <source>故障：</source>
        <translation>Fault: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="140" />
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="142" />
        <source>就绪，请放置证件</source>
        <translation>Ready: place the card</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="289" />
        <source>虚拟身份证读卡器（演示）</source>
        <translation>Virtual ID card reader (demo)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="155" />
        <source>离线工作（未设置服务器地址）</source>
        <translation>Working offline (no server address)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="157" />
        <source>离线：无法连接中心，数据已保存在本机</source>
        <translation>Offline: the centre is unreachable; data is saved on this PC</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="159" />
        <source>同步出错：</source>
        <translation>Sync error: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="161" />
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <location filename="../../terminal/ui/home_page.py" line="163" />
        <source>待上传：%n 条</source>
        <translation>
            <numerusform>Waiting to upload: %n</numerusform>
            <numerusform>Waiting to upload: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="165" />
        <source>上次成功：</source>
        <translation>Last success: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/home_page.py" line="165" />
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>登记人员</source>
        <translation>Register a worker</translation>
    </message>
    <message>
        <source>查找人员</source>
        <translation>Find workers</translation>
    </message>
    <message>
        <source>审核证件</source>
        <translation>Approve credentials</translation>
    </message>
    <message>
        <source>打印证件</source>
        <translation>Print credentials</translation>
    </message>
    <message>
        <source>发放证件</source>
        <translation>Issue credentials</translation>
    </message>
    <message>
        <source>培训签到</source>
        <translation>Training check-in</translation>
    </message>
    <message>
        <source>录入培训成绩</source>
        <translation>Record training results</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步与对账</source>
        <translation>Sync and reconcile</translation>
    </message>
    <message>
        <source>操作员管理</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message numerus="yes">
        <source>%n 人等待</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>今日已登记 %n 人</source>
        <translation>
            <numerusform>%n registered today</numerusform>
            <numerusform>%n registered today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %n 人</source>
        <translation>
            <numerusform>%n in all</numerusform>
            <numerusform>%n in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 条被退回</source>
        <translation>
            <numerusform>%n sent back</numerusform>
            <numerusform>%n sent back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>待上传 %n 条</source>
        <translation>
            <numerusform>%n to upload</numerusform>
            <numerusform>%n to upload</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>今日 %n 场</source>
        <translation>
            <numerusform>%n sessions today</numerusform>
            <numerusform>%n sessions today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 人待录入</source>
        <translation>
            <numerusform>%n awaiting results</numerusform>
            <numerusform>%n awaiting results</numerusform>
        </translation>
    </message>
    <message>
        <source>%1，您好</source>
        <translation>Hello, %1</translation>
    </message>
</context>
<context>
    <name>IdentityPanel</name>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="87" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="87" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="87" />
        <source>民族/国籍</source>
        <translation>Ethnicity / nationality</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="88" />
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="88" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="88" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="89" />
        <source>签发机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="89" />
        <source>有效期限</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="89" />
        <source>证件类型</source>
        <translation>Card type</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="92" />
        <source>从文件选择照片…</source>
        <translation>Photo from file…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="93" />
        <source>用摄像头拍照…</source>
        <translation>Photo from camera…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="94" />
        <source>打开已登记的档案(&amp;O)</source>
        <translation>&amp;Open the existing record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="108" />
        <source>请将身份证放在读卡器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="109" />
        <source>已读取证件，可以继续填写资料</source>
        <translation>Card read: continue with the profile</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="154" />
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="172" />
        <source>证件没有照片</source>
        <translation>The card has no photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="175" />
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="176" />
        <source>图片 (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="187" />
        <source>未发现摄像头，请从文件选择照片。</source>
        <translation>No camera found: choose a photo file.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="209" />
        <source>已填写的资料不会丢失。</source>
        <translation>What you typed is kept.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="218" />
        <source>该人员已在本机构登记，请打开其档案。</source>
        <translation>Already registered at this agency: open the record.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/identity_panel.py" line="221" />
        <source>校验通过：证件有效，号码校验位正确，年龄 %1 岁。</source>
        <translation>Checks passed: card valid, check digit correct, age %1.</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>受理机关</source>
        <translation>Accepting authority</translation>
    </message>
    <message>
        <source>国籍</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <source>登记已保存</source>
        <translation>Registration saved</translation>
    </message>
    <message>
        <source>证件已过期，不能登记</source>
        <translation>The card has expired: cannot register</translation>
    </message>
    <message>
        <source>未满 16 周岁，不能登记</source>
        <translation>Under 16: cannot register</translation>
    </message>
    <message>
        <source>已由其他机构登记，不能在本机构登记</source>
        <translation>Registered by another agency: cannot register here</translation>
    </message>
    <message>
        <source>该证件不能用于登记</source>
        <translation>This card cannot be used to register</translation>
    </message>
    <message>
        <source>已在本机构登记，请打开其档案</source>
        <translation>Already registered here: open the record</translation>
    </message>
    <message>
        <source>读卡未完成，请重新放置证件</source>
        <translation>The card read did not finish: place the card again</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>通行证号码 %1</source>
        <translation>Pass number %1</translation>
    </message>
    <message>
        <source>签发次数 %1</source>
        <translation>Issued %1 times</translation>
    </message>
    <message>
        <source>证件版本 %1</source>
        <translation>Card version %1</translation>
    </message>
    <message>
        <source>校验位未核验</source>
        <translation>check digit not verified</translation>
    </message>
    <message>
        <source>模拟</source>
        <translation>simulated</translation>
    </message>
    <message>
        <source>校验通过：证件有效，年龄 %1 岁（此类证件号码的校验位无法核验）。</source>
        <translation>Checks passed: the card is valid, age %1 (this kind of card number has no check digit that can be verified).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" />
        <source>中心退回与投诉</source>
        <translation>Centre returns and complaints</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="128" />
        <source>上门服务证登记终端</source>
        <translation>Home-service credential terminal</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="129" />
        <source>工作(&amp;W)</source>
        <translation>&amp;Work</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="130" />
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="131" />
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="131" />
        <source>登记人员</source>
        <translation>Register a worker</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="131" />
        <source>查找人员</source>
        <translation>Find workers</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="132" />
        <source>证件办理</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="132" />
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="132" />
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="132" />
        <source>同步与对账</source>
        <translation>Sync and reconciliation</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="133" />
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="133" />
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="0" />
        <source>操作员管理</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="0" />
        <source>读卡器设置…</source>
        <translation>Card reader settings…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="0" />
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>演示系统</source>
        <translation>Demo system</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>DEMO data</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="93" />
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="95" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="95" />
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="95" />
        <source>水平偏移</source>
        <translation>Horizontal offset</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="95" />
        <source>垂直偏移</source>
        <translation>Vertical offset</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="100" />
        <source>A4 证卡纸（每页10张）</source>
        <translation>A4 card sheet (10 per page)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="101" />
        <source>证卡打印机（逐张）</source>
        <translation>Card printer (one by one)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="103" />
        <source>查找打印机</source>
        <translation>Find printers</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="104" />
        <source>保存校准</source>
        <translation>Save calibration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="105" />
        <source>打印校准页</source>
        <translation>Print calibration page</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="106" />
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/print_panel.py" line="107" />
        <source>打印所选</source>
        <translation>Print ticked</translation>
    </message>
    <message>
        <source>打印机：未选择（请管理员在“设置 → 打印机”中选择）</source>
        <translation>Printer: none chosen (an administrator chooses it in Settings → Printer)</translation>
    </message>
    <message>
        <source>打印机：%1（校准：水平 %2 mm，垂直 %3 mm；在“设置”中更改）</source>
        <translation>Printer: %1 (calibration: horizontal %2 mm, vertical %3 mm; change it in Settings)</translation>
    </message>
    <message>
        <source>请先在上面的列表中勾选要打印的证件。</source>
        <translation>First tick the credentials to print in the list above.</translation>
    </message>
    <message>
        <source>正在打印，请等这一批完成。</source>
        <translation>Printing: wait until this batch is done.</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154" />
        <source>手机号码(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154" />
        <source>现住址(&amp;A)</source>
        <translation>Current &amp;address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="154" />
        <source>居住证号</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155" />
        <source>服务类型(&amp;T)</source>
        <translation>Service &amp;types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155" />
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="155" />
        <source>技能证书</source>
        <translation>Skill certificate</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156" />
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156" />
        <source>体检日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="156" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="157" />
        <location filename="../../terminal/ui/profile_form.py" line="205" />
        <source>体检机构</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="157" />
        <location filename="../../terminal/ui/profile_form.py" line="210" />
        <source>保险公司</source>
        <translation>Insurer</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="157" />
        <location filename="../../terminal/ui/profile_form.py" line="211" />
        <source>保单号</source>
        <translation>Policy number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="158" />
        <source>起保日期</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="158" />
        <source>终止日期</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="167" />
        <source>健康体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="168" />
        <location filename="../../terminal/ui/profile_form.py" line="212" />
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="169" />
        <source>本人同意个人信息处理（已签署同意书）</source>
        <translation>Consents to personal information processing (signed)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="170" />
        <source>已签署《从业承诺书》</source>
        <translation>Signed the employment commitment letter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="171" />
        <source>已签署《信用信息授权书》</source>
        <translation>Signed the credit authorisation letter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="197" />
        <source>至少选择一种服务类型</source>
        <translation>choose at least one service type</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="201" />
        <source>须取得本人对个人信息处理的同意</source>
        <translation>the holder's consent to personal information processing is required</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="206" />
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/profile_form.py" line="216" />
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>个人信息同意</source>
        <translation>Consent to personal data</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message numerus="yes">
        <source>有 %n 处需要修改，点击可转到该项：</source>
        <translation>
            <numerusform>Fields to fix: %n. Click one to go there:</numerusform>
            <numerusform>Fields to fix: %n. Click one to go there:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReaderPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="107" />
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
</context>
<context>
    <name>ReaderChooser</name>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>选择读卡器（PC/SC、串口、厂商 SDK）：</source>
        <translation>Choose the card reader (PC/SC, serial, vendor SDK):</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>厂商 SDK（sdtapi.dll）：</source>
        <translation>Vendor SDK (sdtapi.dll):</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>照片解码库：</source>
        <translation>Photo decoder:</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>刷新列表</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>选择 DLL</source>
        <translation>Choose a DLL</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>DLL 文件 (*.dll)</source>
        <translation>DLL files (*.dll)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>正在查找读卡器…</source>
        <translation>Looking for readers…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>没有找到读卡器。</source>
        <translation>No reader found.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>虚拟读卡器（仅用于演示和培训，读取的数据标记为模拟）</source>
        <translation>Virtual reader (demo and training only; reads are marked simulated)</translation>
    </message>
    <message>
        <source>除虚拟读卡器外，没有找到读卡器。</source>
        <translation>No card reader was found besides the virtual one.</translation>
    </message>
    <message>
        <source>串口</source>
        <translation>serial</translation>
    </message>
    <message>
        <source>厂商 SDK</source>
        <translation>vendor SDK</translation>
    </message>
    <message>
        <source>虚拟</source>
        <translation>virtual</translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>无响应</source>
        <translation>not answering</translation>
    </message>
    <message>
        <source>不可用</source>
        <translation>unavailable</translation>
    </message>
</context>
<context>
    <name>ReaderSettingsDialog</name>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>读卡器设置</source>
        <translation>Card reader settings</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reader_settings.py" line="0" />
        <source>已保存。重新启动程序后生效。</source>
        <translation>Saved. It takes effect when the program starts again.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../terminal/ui/unlock.py" line="23" />
        <source>输入恢复密钥</source>
        <translation>Enter the recovery key</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/unlock.py" line="25" />
        <source>本机找不到解锁数据库的密钥。请输入初始化时抄写的恢复密钥（32位，可含短横线）。</source>
        <translation>This PC has no key to unlock the database. Enter the recovery key written down at set-up (32 characters, dashes allowed).</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="155" />
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="158" />
        <source>正在创建数据文件夹…</source>
        <translation>Creating the data folder…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="167" />
        <source>请输入恢复密钥的最后4位以确认已抄写：</source>
        <translation>Type the last 4 characters of the recovery key to confirm you wrote it down:</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="176" />
        <source>数据文件夹已创建。恢复密钥只显示这一次：请抄写在纸上，交管理员离线保管。本机密钥丢失时，只能用它打开数据。</source>
        <translation>The data folder is ready. The recovery key is shown only this once: write it on paper for the administrator to keep offline. If this PC's key is lost, only it opens the data.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="184" />
        <source>请返回上一步修改后重试。</source>
        <translation>Go back, correct it and try again.</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="89" />
        <source>保存登记(&amp;S)</source>
        <translation>&amp;Save registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="90" />
        <source>申请上门服务证(&amp;Y)</source>
        <translation>Appl&amp;y for the credential</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="91" />
        <source>登记下一位(&amp;N)</source>
        <translation>&amp;Next registration</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="138" />
        <source>无法读取照片文件：%1</source>
        <translation>Cannot read the photo file: %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="144" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="150" />
        <source>登记已保存。可以申请上门服务证。</source>
        <translation>Registration saved. You can apply for the credential.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/register_page.py" line="174" />
        <source>已提交证件申请，编号 %1，等待审核。</source>
        <translation>Credential applied for, number %1, waiting for approval.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="138" />
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="139" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="140" />
        <source>生成报表</source>
        <translation>Build report</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="141" />
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="142" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="172" />
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reports_page.py" line="183" />
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
</context>
<context>
    <name>ScanPicker</name>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="42" />
        <source>选择扫描件…</source>
        <translation>Choose scan…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="43" />
        <source>拍照…</source>
        <translation>Camera…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="44" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="45" />
        <source>（未添加扫描件）</source>
        <translation>(no scan added)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="49" />
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="50" />
        <source>图片或PDF (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pdf)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_picker.py" line="72" />
        <source>未发现摄像头，请选择扫描件文件。</source>
        <translation>No camera found: choose a scan file.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="139" />
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="140" />
        <source>可以留空，先离线工作；以后在设置中填写。</source>
        <translation>May stay empty to work offline; fill it in later in the settings.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="144" />
        <source>中心发放的一次性注册码</source>
        <translation>One-time enrolment code from the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="146" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="147" />
        <source>注册码</source>
        <translation>Enrolment code</translation>
    </message>
</context>
<context>
    <name>ServiceRecords</name>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="74" />
        <source>登记服务合同</source>
        <translation>Add service contract</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="74" />
        <source>录入服务评价</source>
        <translation>Add evaluation</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="74" />
        <location filename="../../terminal/ui/service_records.py" line="139" />
        <source>登记投诉</source>
        <translation>Register complaint</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="75" />
        <source>处理所选投诉</source>
        <translation>Handle selected complaint</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="75" />
        <source>登记信用记录</source>
        <translation>Add credit record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="101" />
        <source>服务合同</source>
        <translation>Service contract</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="106" />
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="106" />
        <source>服务类型</source>
        <translation>Service type</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="106" />
        <source>服务期限自</source>
        <translation>Agreement from</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="107" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="107" />
        <source>服务区域</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="107" />
        <source>客户编号（可选）</source>
        <translation>Customer reference (optional)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="117" />
        <source>服务评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="125" />
        <source>（不关联合同）</source>
        <translation>(no contract)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="129" />
        <source>关联合同</source>
        <translation>Contract</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="130" />
        <source>评语</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="141" />
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="149" />
        <source>处理投诉</source>
        <translation>Handle complaint</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="150" />
        <source>处理中</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="150" />
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="152" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="153" />
        <source>机构处理意见</source>
        <translation>Agency's response</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="160" />
        <source>信用记录</source>
        <translation>Credit record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="161" />
        <source>良好</source>
        <translation>Positive</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="161" />
        <source>不良</source>
        <translation>Negative</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="161" />
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="163" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/service_records.py" line="164" />
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>修改资料</source>
        <translation>Edit profile</translation>
    </message>
    <message>
        <source>补录承诺书</source>
        <translation>Add a signed letter</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="199" />
        <source>首次设置</source>
        <translation>First-time set-up</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/wizard.py" line="246" />
        <source>可以以后用“terminal enrol 注册码 --server 地址”注册。</source>
        <translation>You can enrol later with "terminal enrol CODE --server ADDRESS".</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../terminal/ui/signin.py" line="64" />
        <source>已锁定，请重新登录</source>
        <translation>Locked: sign in again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="64" />
        <source>上门服务证登记终端</source>
        <translation>Home-service credential terminal</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="65" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="66" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/signin.py" line="67" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>演示系统</source>
        <translation>Demo system</translation>
    </message>
    <message>
        <source>这是演示系统，人员和证件都是虚构的。
点一个演示账号，密码均为 %1。</source>
        <translation>This is a demo system: its people and credentials are made up.
Click a demo account; every password is %1.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="110" />
        <source>与中心同步</source>
        <translation>Sync with the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="111" />
        <source>中心退回的记录（请处理）</source>
        <translation>Records the centre sent back (to act on)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="112" />
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="112" />
        <source>终端编号</source>
        <translation>Terminal id</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="112" />
        <source>最近上传</source>
        <translation>Last upload</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="113" />
        <source>最近获取中心决定</source>
        <translation>Last fetch of the centre's decisions</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="113" />
        <source>本机时钟偏差</source>
        <translation>Clock drift of this PC</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="114" />
        <source>发证</source>
        <translation>Issuing</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="114" />
        <source>待上传 / 已接收 / 退回</source>
        <translation>To upload / accepted / sent back</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="114" />
        <source>对账</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="117" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="117" />
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="117" />
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="117" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="118" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="119" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="120" />
        <source>与中心对账</source>
        <translation>Reconcile with the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="121" />
        <source>打开人员档案</source>
        <translation>Open the worker's record</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="122" />
        <source>已处理，重新上传</source>
        <translation>Dealt with: upload again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="145" />
        <source>未注册，离线工作</source>
        <translation>Not enrolled: working offline</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="153" />
        <source>%1 秒（中心时间 %2）</source>
        <translation>%1 s (centre time %2)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="155" />
        <source>— 本机时钟不准，请校准</source>
        <translation>— this PC's clock is off: set it right</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="157" />
        <source>已暂停：超过期限未从中心获取决定</source>
        <translation>Paused: the centre's decisions are too old</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="158" />
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="179" />
        <source>一致：本机已确认 %1 条，中心持有 %1 条，摘要相同</source>
        <translation>Matches: %1 confirmed here, %1 held by the centre, same hash</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="180" />
        <source>不一致（本机 / 中心）：</source>
        <translation>Does not match (here / centre): </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="185" />
        <source>未注册中心服务器，无法同步</source>
        <translation>Not enrolled with a central server: cannot sync</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="191" />
        <source>正在对账…</source>
        <translation>Reconciling…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="0" />
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="0" />
        <source>重新启动同步</source>
        <translation>Restart sync</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="0" />
        <source>同步出错：</source>
        <translation>Sync error: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_page.py" line="0" />
        <source>正在重新启动同步…</source>
        <translation>Restarting sync…</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="121" />
        <source>课程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="121" />
        <source>培训场次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="121" />
        <source>签到名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="123" />
        <location filename="../../terminal/ui/training_page.py" line="225" />
        <source>新建课程</source>
        <translation>New course</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="124" />
        <location filename="../../terminal/ui/training_page.py" line="259" />
        <source>新建场次</source>
        <translation>New session</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="125" />
        <source>录入所选人员成绩</source>
        <translation>Result for selected trainee</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="148" />
        <source>结束刷卡</source>
        <translation>Stop card taps</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="148" />
        <source>开始刷卡签到/签退</source>
        <translation>Start card taps (in/out)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="152" />
        <location filename="../../terminal/ui/training_page.py" line="242" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="152" />
        <location filename="../../terminal/ui/training_page.py" line="242" />
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="152" />
        <location filename="../../terminal/ui/training_page.py" line="155" />
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <location filename="../../terminal/ui/training_page.py" line="243" />
        <location filename="../../terminal/ui/training_page.py" line="271" />
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="152" />
        <location filename="../../terminal/ui/training_page.py" line="243" />
        <source>合格分</source>
        <translation>Pass score</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="152" />
        <source>场次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="155" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="155" />
        <location filename="../../terminal/ui/training_page.py" line="270" />
        <source>培训师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="155" />
        <location filename="../../terminal/ui/training_page.py" line="270" />
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="155" />
        <source>人数</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="158" />
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="158" />
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <source>签到</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <source>签退</source>
        <translation>Out</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="159" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="185" />
        <source>请学员将身份证放在读卡器上：第一次签到，第二次签退</source>
        <translation>Trainees place their ID card on the reader: first tap in, second tap out</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="203" />
        <source>签到成功</source>
        <translation>Tapped in</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="203" />
        <source>签退成功，学时已计入</source>
        <translation>Tapped out; hours counted</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="242" />
        <source>主题</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="256" />
        <source>请先选择课程</source>
        <translation>Choose a course first</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="270" />
        <source>开始时间</source>
        <translation>Starts at</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="284" />
        <source>请先在签到名单中选择人员</source>
        <translation>Choose a trainee in the roster first</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/training_page.py" line="292" />
        <source>成绩（0-100）</source>
        <translation>Score (0-100)</translation>
    </message>
    <message>
        <source>开始刷卡</source>
        <translation>Start card taps</translation>
    </message>
    <message>
        <source>家政服务人员</source>
        <translation>Home-service workers</translation>
    </message>
    <message>
        <source>机构管理人员</source>
        <translation>Agency managers</translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>签到中：请学员将身份证放在读卡器上</source>
        <translation>Signing in: trainees, place your ID card on the reader</translation>
    </message>
    <message>
        <source>签退中：请学员将身份证放在读卡器上</source>
        <translation>Signing out: trainees, place your ID card on the reader</translation>
    </message>
    <message>
        <source>签到成功 %1</source>
        <translation>Signed in %1</translation>
    </message>
    <message>
        <source>签退成功 %1，本场计 %2 学时</source>
        <translation>Signed out %1: %2 hours for this session</translation>
    </message>
    <message>
        <source>已记录过（%1），本次刷卡未作改动</source>
        <translation>Already recorded (%1): this tap changed nothing</translation>
    </message>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>此证件的持有人未在本机构登记，不能参加本课程签到。请先办理登记。</source>
        <translation>The holder of this card is not registered with this agency and cannot sign in to this course. Register them first.</translation>
    </message>
    <message>
        <source>未能签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>未能签退</source>
        <translation>Not signed out</translation>
    </message>
    <message>
        <source>录入成绩：%1</source>
        <translation>Result for %1</translation>
    </message>
    <message>
        <source>已参加 %1 学时，课程要求 %2 学时</source>
        <translation>Attended %1 hours; the course requires %2</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>请输入成绩</source>
        <translation>Enter the score</translation>
    </message>
</context>
<context>
    <name>WorkerPage</name>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>离职/转出</source>
        <translation>Release (leaving the agency)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>（已离职）</source>
        <translation>(left the agency)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>照片来源</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>证件照片（读卡器解码）</source>
        <translation>from the ID card (reader decoder)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>摄像头拍摄</source>
        <translation>taken with the camera</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>照片文件</source>
        <translation>from a file</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="0" />
        <source>无照片</source>
        <translation>no photo</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110" />
        <source>基本资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110" />
        <source>证件</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110" />
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110" />
        <source>服务合同</source>
        <translation>Service contracts</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="110" />
        <source>证件历史</source>
        <translation>Credential history</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="111" />
        <source>服务评价</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="111" />
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="111" />
        <source>信用记录</source>
        <translation>Credit records</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="111" />
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="111" />
        <source>背景审查</source>
        <translation>Background checks</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="114" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="114" />
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="114" />
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="115" />
        <source>居住证号</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="115" />
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="115" />
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="116" />
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="116" />
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="116" />
        <source>中心核查</source>
        <translation>Central check</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="119" />
        <source>显示完整证件号（将记录审计）</source>
        <translation>Show full ID number (audited)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="174" />
        <source>未核查</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/worker_page.py" line="181" />
        <source>无需上传</source>
        <translation>not uploaded</translation>
    </message>
    <message>
        <source>未申请证件</source>
        <translation>No credential yet</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
</context>
<context>
    <name>WorkerTableModel</name>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44" />
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44" />
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="44" />
        <source>证件编号</source>
        <translation>Credential no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="45" />
        <source>证件状态</source>
        <translation>Credential state</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="57" />
        <source>未申请</source>
        <translation>None applied</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="61" />
        <source>模拟</source>
        <translation>simulated</translation>
    </message>
</context>
<context>
    <name>WorkersPage</name>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="109" />
        <source>搜索：姓名、拼音、证件号后几位、证件编号、手机号</source>
        <translation>Search: name, pinyin, ID number ending, credential number, phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="114" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="115" />
        <source>未申请</source>
        <translation>None applied</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="119" />
        <source>全部服务类型</source>
        <translation>All service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/workers_page.py" line="155" />
        <source>找到 %1 人（最多显示 200 人）</source>
        <translation>Found %1 (showing up to 200)</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 人</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已显示 %n 人，向下滚动查看更多</source>
        <translation>
            <numerusform>Showing %n; scroll down for more</numerusform>
            <numerusform>Showing %n; scroll down for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../terminal/ui/crash.py" line="80" />
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="81" />
        <source>程序出现意外错误，已保存错误报告（不含个人信息）：
{0}
请把该文件发给技术支持。已保存的数据不受影响。</source>
        <translation>An unexpected error occurred. An error report (no personal data) was saved:
{0}
Please send it to support. Saved data is not affected.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="91" />
        <source>上次运行的错误报告</source>
        <translation>Error report from the last run</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/crash.py" line="92" />
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
        <location filename="../../terminal/ui/feedback.py" line="50" />
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>正在处理，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../terminal/ui/virtual_reader_menu.py" line="12" />
        <source>虚拟读卡器（演示）</source>
        <translation>Virtual reader (demo)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/virtual_reader_menu.py" line="20" />
        <source>拿开证件</source>
        <translation>Take the card away</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>添加操作员</source>
        <translation>Add operator</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>（锁定至 %1）</source>
        <translation>(locked until %1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>重置密码：%1</source>
        <translation>Reset password: %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/operators_page.py" line="0" />
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>申请</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>发证</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>补证</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>续期</source>
        <translation>Renewed</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <source>本机构</source>
        <translation>This agency</translation>
    </message>
    <message>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>公众</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In hand</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>良好记录</source>
        <translation>Good record</translation>
    </message>
    <message>
        <source>不良记录</source>
        <translation>Bad record</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>无异常</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Adverse</translation>
    </message>
    <message>
        <source>审查中</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>已发送，待确认</source>
        <translation>Sent, awaiting confirmation</translation>
    </message>
    <message>
        <source>中心已接收</source>
        <translation>Accepted by the centre</translation>
    </message>
    <message>
        <source>被中心退回</source>
        <translation>Sent back by the centre</translation>
    </message>
    <message>
        <source>到期检查（系统）</source>
        <translation>Expiry check (system)</translation>
    </message>
    <message>
        <source>登记人员</source>
        <translation>Worker registered</translation>
    </message>
    <message>
        <source>离职/转出</source>
        <translation>Left the agency</translation>
    </message>
    <message>
        <source>从中心恢复</source>
        <translation>Recovered from the centre</translation>
    </message>
    <message>
        <source>查看完整证件号</source>
        <translation>Full ID number viewed</translation>
    </message>
    <message>
        <source>修改资料</source>
        <translation>Profile edited</translation>
    </message>
    <message>
        <source>申请证件</source>
        <translation>Credential applied for</translation>
    </message>
    <message>
        <source>打印证件</source>
        <translation>Credential printed</translation>
    </message>
    <message>
        <source>暂停证件</source>
        <translation>Credential suspended</translation>
    </message>
    <message>
        <source>恢复证件</source>
        <translation>Credential resumed</translation>
    </message>
    <message>
        <source>注销证件</source>
        <translation>Credential revoked</translation>
    </message>
    <message>
        <source>证件到期</source>
        <translation>Credential expired</translation>
    </message>
    <message>
        <source>续期申请</source>
        <translation>Renewal applied for</translation>
    </message>
    <message>
        <source>导出证件PDF</source>
        <translation>Credential PDF exported</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>签订服务合同</source>
        <translation>Service contract signed</translation>
    </message>
    <message>
        <source>服务评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>登记投诉</source>
        <translation>Complaint registered</translation>
    </message>
    <message>
        <source>处理投诉</source>
        <translation>Complaint in hand</translation>
    </message>
    <message>
        <source>投诉办结</source>
        <translation>Complaint resolved</translation>
    </message>
    <message>
        <source>信用记录</source>
        <translation>Credit record</translation>
    </message>
    <message>
        <source>体检记录</source>
        <translation>Health check recorded</translation>
    </message>
    <message>
        <source>保险记录</source>
        <translation>Insurance recorded</translation>
    </message>
    <message>
        <source>承诺书/授权书</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>培训成绩</source>
        <translation>Training result</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>Credential</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>服务合同</source>
        <translation>Service contract</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <source>%1记录</source>
        <translation>%1 record</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>守时</source>
        <translation>Punctuality</translation>
    </message>
    <message>
        <source>技能</source>
        <translation>Skill</translation>
    </message>
    <message>
        <source>态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <source>诚信</source>
        <translation>Honesty</translation>
    </message>
    <message>
        <source>卫生</source>
        <translation>Hygiene</translation>
    </message>
    <message>
        <source>沟通</source>
        <translation>Communication</translation>
    </message>
    <message>
        <source>证件编号</source>
        <translation>Credential no.</translation>
    </message>
    <message>
        <source>版次</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>有效期自</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>原状态</source>
        <translation>From</translation>
    </message>
    <message>
        <source>新状态</source>
        <translation>To</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>培训师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>服务类型</source>
        <translation>Service type</translation>
    </message>
    <message>
        <source>服务期自</source>
        <translation>Period from</translation>
    </message>
    <message>
        <source>服务期至</source>
        <translation>Period to</translation>
    </message>
    <message>
        <source>服务区域</source>
        <translation>District</translation>
    </message>
    <message>
        <source>综合得分</source>
        <translation>Overall</translation>
    </message>
    <message>
        <source>各项得分</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>评语</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>处理意见</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Resolved at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>审查时间</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>无需上传</source>
        <translation>Not uploaded (local only)</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Why sent back</translation>
    </message>
    <message>
        <source>签署承诺书/授权书</source>
        <translation>Letter signed</translation>
    </message>
    <message>
        <source>更正资料</source>
        <translation>Record corrected</translation>
    </message>
    <message>
        <source>电子证件激活码</source>
        <translation>E-credential activation code</translation>
    </message>
    <message>
        <source>重新提交审核</source>
        <translation>Resubmitted for approval</translation>
    </message>
</context>
<context>
    <name>ApplicationView</name>
    <message>
        <source>证件号</source>
        <translation>Credential no.</translation>
    </message>
    <message>
        <source>性别/出生</source>
        <translation>Sex / born</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <source>承诺书/授权书</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>体检</source>
        <translation>Health check</translation>
    </message>
    <message>
        <source>保险</source>
        <translation>Insurance</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>背景审查</source>
        <translation>Background check</translation>
    </message>
    <message>
        <source>从业承诺书</source>
        <translation>Employment commitment</translation>
    </message>
    <message>
        <source>信用授权书</source>
        <translation>Credit authorisation</translation>
    </message>
    <message>
        <source>个人信息授权</source>
        <translation>Personal data consent</translation>
    </message>
    <message>
        <source>已扫描</source>
        <translation>scanned</translation>
    </message>
    <message>
        <source>无扫描件</source>
        <translation>no scan</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>选择一份申请，查看申请人的完整档案</source>
        <translation>Select an application to see the applicant's whole file</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>clear</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>adverse</translation>
    </message>
    <message>
        <source>审查中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>第 %1 版</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>尚无中心结果</source>
        <translation>no result from the centre yet</translation>
    </message>
    <message>
        <source>可以审核通过</source>
        <translation>Ready to approve</translation>
    </message>
    <message>
        <source>尚缺 %1 项，不能审核通过</source>
        <translation>%1 missing: cannot be approved</translation>
    </message>
    <message>
        <source>已退回登记员：%1</source>
        <translation>Returned to the clerk: %1</translation>
    </message>
</context>
<context>
    <name>PhotoView</name>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>打印机与证卡校准</source>
        <translation>Printer and card calibration</translation>
    </message>
    <message>
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>打印方式</source>
        <translation>How cards print</translation>
    </message>
    <message>
        <source>水平偏移（向右为正）</source>
        <translation>Horizontal offset (right is +)</translation>
    </message>
    <message>
        <source>垂直偏移（向下为正）</source>
        <translation>Vertical offset (down is +)</translation>
    </message>
    <message>
        <source>中心地址</source>
        <translation>Centre's address</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>A4 证卡纸（每页10张）</source>
        <translation>A4 card sheets (10 a page)</translation>
    </message>
    <message>
        <source>证卡打印机（逐张）</source>
        <translation>Card printer (one by one)</translation>
    </message>
    <message>
        <source>查找打印机</source>
        <translation>Find printers</translation>
    </message>
    <message>
        <source>打印校准页（卡边内 2 mm 的边框）</source>
        <translation>Print the calibration page (a frame 2 mm inside the edge)</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>找到 %1 台打印机，请选择后保存。</source>
        <translation>Found %1 printers: choose one and save.</translation>
    </message>
    <message>
        <source>正在打印校准页…</source>
        <translation>Printing the calibration page…</translation>
    </message>
    <message>
        <source>校准页已打印。量出边框到卡边的距离，按差值调整偏移后保存。</source>
        <translation>The calibration page was printed. Measure the frame's distance from each edge, correct the offsets by the difference and save.</translation>
    </message>
    <message>
        <source>本终端已注册到 %1，同步以该地址为准；更换中心须重新注册（terminal enrol）。</source>
        <translation>This terminal is enrolled with %1, which sync uses; moving to another centre needs a new enrolment (terminal enrol).</translation>
    </message>
    <message>
        <source>本终端尚未注册到中心；为空表示离线工作。</source>
        <translation>This terminal is not enrolled with a centre; empty means working offline.</translation>
    </message>
    <message>
        <source>设置已保存。打印机、校准、语言和中心地址立即生效；读卡器在重新启动程序后生效。</source>
        <translation>Settings saved. The printer, calibration, language and centre's address apply now; the card reader after the program restarts.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>AgencyFilePage</name>
    <message>
        <source>中心诚信等级：尚未收到（等级变化时由中心发来）</source>
        <translation>The centre's credit grade: not received yet (the centre sends it when it changes)</translation>
    </message>
    <message>
        <source>中心诚信等级：%1（得分 %2，规则第 %3 版，%4）</source>
        <translation>The centre's credit grade: %1 (score %2, rules version %3, %4)</translation>
    </message>
    <message>
        <source>机构备案资料</source>
        <translation>Agency registration file</translation>
    </message>
    <message>
        <source>机构备案资料…</source>
        <translation>Agency registration file…</translation>
    </message>
    <message>
        <source>机构名称</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>证照类型</source>
        <translation>Licence kind</translation>
    </message>
    <message>
        <source>证照号</source>
        <translation>Licence number</translation>
    </message>
    <message>
        <source>经营地址</source>
        <translation>Business address</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>租赁期至</source>
        <translation>Lease until</translation>
    </message>
    <message>
        <source>营业执照扫描件</source>
        <translation>Business licence scan</translation>
    </message>
    <message>
        <source>租赁合同扫描件</source>
        <translation>Lease scan</translation>
    </message>
    <message>
        <source>诚信承诺书扫描件</source>
        <translation>Integrity commitment letter scan</translation>
    </message>
    <message>
        <source>承诺书签署日期</source>
        <translation>Commitment letter signed on</translation>
    </message>
    <message>
        <source>资质证书</source>
        <translation>Qualification certificates</translation>
    </message>
    <message>
        <source>新增资质证书</source>
        <translation>Add a qualification certificate</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>法定代表人（以身份证读卡为准）</source>
        <translation>Legal representative (as read from the ID card)</translation>
    </message>
    <message>
        <source>备案材料</source>
        <translation>Documents on file</translation>
    </message>
    <message>
        <source>租赁场地</source>
        <translation>Leased premises</translation>
    </message>
    <message>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>证书名称</source>
        <translation>Certificate name</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>保存备案资料</source>
        <translation>Save the file</translation>
    </message>
    <message>
        <source>营业执照</source>
        <translation>Business licence</translation>
    </message>
    <message>
        <source>民办非企业单位登记证书</source>
        <translation>Private non-enterprise unit registration certificate</translation>
    </message>
    <message>
        <source>%1（%2）
读卡：%3，%4</source>
        <translation>%1 (%2)
Card read: %3, %4</translation>
    </message>
    <message>
        <source>模拟读卡（演示）</source>
        <translation>Simulated card read (demo)</translation>
    </message>
    <message>
        <source>%1（设立时填写，尚未以身份证读卡核实）</source>
        <translation>%1 (typed at set-up, not yet confirmed by reading the ID card)</translation>
    </message>
    <message>
        <source>已存档</source>
        <translation>On file</translation>
    </message>
    <message>
        <source>未上传</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <source>无扫描件</source>
        <translation>no scan</translation>
    </message>
    <message>
        <source>法定代表人身份证读卡</source>
        <translation>the legal representative's ID card read</translation>
    </message>
    <message>
        <source>尚缺：%1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>备案资料齐全</source>
        <translation>The file is complete</translation>
    </message>
    <message>
        <source>取消读卡</source>
        <translation>Cancel card read</translation>
    </message>
    <message>
        <source>读取法定代表人身份证</source>
        <translation>Read the legal representative's ID card</translation>
    </message>
    <message>
        <source>请法定代表人将身份证放在读卡器上</source>
        <translation>Legal representative: place your ID card on the reader</translation>
    </message>
    <message>
        <source>法定代表人身份已按读卡记录，并将同步至中心。</source>
        <translation>The legal representative was recorded from the card read and will be sent to the centre.</translation>
    </message>
    <message>
        <source>备案资料已保存，并将同步至中心。</source>
        <translation>The file was saved and will be sent to the centre.</translation>
    </message>
    <message>
        <source>没有改动。</source>
        <translation>Nothing changed.</translation>
    </message>
</context>
<context>
    <name>ProfileEditDialog</name>
    <message>
        <source>修改资料：%1</source>
        <translation>Edit profile: %1</translation>
    </message>
    <message>
        <source>身份信息来自证件读卡，不能修改。此处新增的体检、保险和证书与原有记录一并保留。</source>
        <translation>Identity comes from the card read and cannot be edited. Health checks, insurance and certificates added here are kept beside the earlier ones.</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>补录承诺书：%1</source>
        <translation>Add a signed letter: %1</translation>
    </message>
    <message>
        <source>从业承诺书</source>
        <translation>Employment commitment letter</translation>
    </message>
    <message>
        <source>信用信息授权书</source>
        <translation>Credit information authorisation</translation>
    </message>
    <message>
        <source>（已有，再签一份）</source>
        <translation> (on file; another signed copy)</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>签署日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>签字页扫描件</source>
        <translation>Scan of the signed page</translation>
    </message>
    <message>
        <source>请添加签字页的扫描件或照片</source>
        <translation>Add a scan or photo of the signed page</translation>
    </message>
</context>
<context>
    <name>virtual_reader_menu</name>
    <message>
        <source>虚拟读卡器（演示）</source>
        <translation>Virtual card reader (demo)</translation>
    </message>
    <message>
        <source>拿开证件</source>
        <translation>Take the card away</translation>
    </message>
</context>
<context>
    <name>CaseworkPage</name>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>中心退回与投诉</source>
        <translation>Centre returns and complaints</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>请将被退回人员本人的身份证放在读卡器上</source>
        <translation>Place the returned person's own ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>读卡不符：请读取被退回人员本人的身份证</source>
        <translation>Not the same person: read the returned person's own ID card</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>已核对本人身份证，请更正以下信息后提交</source>
        <translation>ID card checked: correct the details below and submit</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>待更正</source>
        <translation>to correct</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>已重新提交</source>
        <translation>resubmitted</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>中心已通过</source>
        <translation>accepted by the centre</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>待处理</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>处理中</source>
        <translation>in hand</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>已答复</source>
        <translation>answered</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>（本机构）</source>
        <translation>(this agency)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>已逾期</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>退回更正（%1）</source>
        <translation>Returned for correction (%1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>中心转来的投诉（%1）</source>
        <translation>Complaints from the centre (%1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>退回原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>退回时间</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>被投诉人员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>答复期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>开始更正（读身份证）</source>
        <translation>Start the correction (read the ID card)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>提交更正</source>
        <translation>Submit the correction</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>更正登记信息（身份信息以身份证为准，不可修改）</source>
        <translation>Correct the registration (identity comes from the ID card and cannot change)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>服务类型</source>
        <translation>Service types</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>居住证号</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>处理结果（将发送至中心）</source>
        <translation>The agency's answer (goes to the centre)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/casework_page.py" />
        <source>提交处理结果</source>
        <translation>Submit the answer</translation>
    </message>
</context>
<context>
    <name>EvaluationSlipDialog</name>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>服务评价单</source>
        <translation>Service evaluation slip</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>服务人员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>服务机构</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>服务类型</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>服务期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>请客户在服务后扫码评价，或在核验网站输入评价码：</source>
        <translation>After the service, the client scans the code to rate it, or types this code on the check site:</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>打印评价单</source>
        <translation>Print the slip</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>保存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>无法写入该文件，请选择其他位置。</source>
        <translation>That file cannot be written: choose another place.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>评价单已保存：</source>
        <translation>Slip saved: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>评价单已送往打印机：</source>
        <translation>Slip sent to the printer: </translation>
    </message>
    <message>
        <location filename="../../terminal/ui/evaluation_slip_dialog.py" />
        <source>保存评价单</source>
        <translation>Save the evaluation slip</translation>
    </message>
</context>
<context>
    <name>EcardButton</name>
    <message>
        <location filename="../../terminal/ui/ecard_dialog.py" />
        <source>电子证件</source>
        <translation>E-credential</translation>
    </message>
</context>
<context>
    <name>EcardDialog</name>
    <message>
        <location filename="../../terminal/ui/ecard_dialog.py" />
        <source>电子证件开通 %1</source>
        <translation>Activate the e-credential %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/ecard_dialog.py" />
        <source>请持证人用本人手机扫码，在手机上开通电子证件。开通码只能使用一次，%1 前有效；开通后，此前开通的手机即失效。</source>
        <translation>The holder scans this with her own phone to activate the electronic credential there. The code works once, until %1; the phone activated before stops working.</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/ecard_dialog.py" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
</TS>